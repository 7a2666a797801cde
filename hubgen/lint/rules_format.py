"""HUB0xx: content-format problems, found by load.py and validate.py.

They are listed here only so `hubgen rules` and SARIF output document every
code hubgen prints. They cannot be ignored: without them there is no model.
"""

from hubgen.lint.registry import document

document("HUB001", "file-unreadable", "A content file cannot be read.", """
The file exists but cannot be opened: permissions, a broken symlink, a
symlink loop, or something that is not a regular file (a FIFO, a device, a
socket, a folder named like a content file). Exit code 2.

Fix: make the file readable by the user running hubgen, or remove it.
""")

document("HUB002", "file-too-large", "A content file is larger than 2 MB.", """
Content files are text a person writes; a file this large is almost always
a mistake (a pasted export, a binary saved with a .md name). Exit code 2.

Bad: `updates/2026-11-02-photos.md` holding base64 images.
Good: put images in `assets/` and link them: `![Kettle](/assets/kettle.jpg)`.
""")

document("HUB003", "file-not-text", "A content file is binary or not UTF-8.", """
hubgen reads every content file as UTF-8 text. Exit code 2.

Fix: save the file as UTF-8 (most editors: "Save with encoding").
""")

document("HUB004", "file-missing", "hub.yaml or faq.yaml is missing.", """
A hub needs `hub.yaml` (project, contact, pledge states) and `faq.yaml`.

Fix: create them; `hubgen init DIR` writes a complete folder to start from.
""")

document("HUB005", "file-outside-content", "A symbolic link leads outside the content folder.", """
hubgen reads and publishes nothing outside the content folder, so a link
there (in assets/, pages/, updates/ or beside hub.yaml) is refused: it could
publish the build machine's secrets, such as `/proc/self/environ` or a `.env`
file, when CI builds a pull request. Links that stay inside the content
folder are followed. Exit code 1.

Bad: `assets/terms.pdf -> ../../legal/terms.pdf`
Good: copy `terms.pdf` into `assets/`.
""")

document("HUB010", "yaml-syntax", "A YAML file cannot be parsed.", """
The file is not valid YAML, or uses something hubgen refuses for safety
(tags such as `!!python/object`, anchors, aliases). Most often a value starts with a
character YAML reads as syntax: `[` (a Markdown link), `{`, `*` (bold), `&`,
`!`, `%`, `@` or a backtick; or holds `: `, which YAML reads as a new key;
or starts with a quote that ends before the text does (`a: "Four mugs" is
what it holds`, `a: 'It's ready'`). Quote the whole value with the other
kind of quotes, or write `|` after the key and the text on the lines below
it, each indented alike.

Bad:
    - q: Who charges my card?
      a: [BackerKit](https://backerkit.example) charges each wave.
Good:
    - q: Who charges my card?
      a: |
        [BackerKit](https://backerkit.example) charges each wave.
Bad:
    - q: What does "locked" mean?: soon
Good:
    - q: 'What does "locked" mean?'
Bad:
    - q: Is it dishwasher safe?
      a: 'It's dishwasher safe.'
Good:
    - q: Is it dishwasher safe?
      a: "It's dishwasher safe."
""")

document("HUB011", "front-matter-unclosed", "Front matter starts with --- but never ends.", """
Bad:
    ---
    title: Shipping plan
    Kettles ship in March.
Good:
    ---
    title: Shipping plan
    ---
    Kettles ship in March.
""")

document("HUB020", "key-required", "A required key is missing or empty.", """
Bad (an update without a title):
    ---
    date: 2026-11-02
    ---
Good:
    ---
    title: November production report
    date: 2026-11-02
    ---
""")

document("HUB021", "wrong-type", "A value has the wrong type.", """
A switch is `true` or `false` (not yes/no/on/off, which YAML readers
disagree about); a number is written in digits (not 1_000 or 0x10).

Bad:
    tags: shipping, delays: soon
    pinned: yes
Good:
    tags: [shipping, delays]
    pinned: true
""")

document("HUB022", "key-unknown", "A key hubgen does not know (often a typo).", """
Bad:
    contact:
      emial: help@example.com
Good:
    contact:
      email: help@example.com
""")

document("HUB023", "value-invalid", "A value is not one of the allowed ones, or not a real date.", """
Bad:
    date: 2026-02-30
    visibility: private
Good:
    date: 2026-02-28
    visibility: backers
""")

document("HUB024", "duplicate", "Two things share an id that must be unique.", """
FAQ ids and pledge state ids are anchors in URLs; two entries with one id
make one of them unreachable.

Bad: two FAQ entries with `id: refunds`.
Good: `id: refunds` and `id: refund-after-shipping`.
""")

document("HUB026", "too-many", "A list or a number is larger than hubgen takes.", """
Each page, feed, picture and the search are drawn from the lists in the
content, so each list has a size no real hub reaches: 100 pledge states, 20
`next` states per state, 10 tags per update (each tag gets a page and two
feeds), 300 words in `settings.synonyms`, a `feed_length` of 500. A list that
repeats an item counts it once. Beyond that, the hub would take minutes to
build and be slow to search, so the list is refused, not cut short.

Bad: an update with `tags:` listing 25 topics.
Good: the 3 or 4 topics a backer would browse by.
""")

document("HUB027", "translation-unmatched", "A translation names something the original does not have.", """
A translation in content/<language>/ translates the original by its names:
FAQ questions by their `id`, updates and pages by their file names, pledge
states, waves and segments in hub.yaml by their `id`, and milestones,
shipping regions and routing topics by their place in the list. A
translated question without an id, an id or file name the original does
not have, or a fifth milestone where the original has four, would never be
shown: most often a typo, or an original that was renamed since. (An
unknown key in a translation's hub.yaml is HUB022, as in the original's.)

Bad (content/de/faq.yaml, the original's question is `id: when-ship`):
    - category: Versand
      questions:
        - id: when-shipping
          q: Wann wird meine Belohnung verschickt?
Good:
        - id: when-ship
          q: Wann wird meine Belohnung verschickt?
""")

document("HUB025", "file-name-invalid", "A file name cannot become a URL.", """
Updates are named `YYYY-MM-DD-slug.md` and pages `slug.md`: lowercase
letters, digits and hyphens, because the name is the URL. Files in `assets/`
may have other names, but none with a control character (a line break, a
tab, an escape) in the name of the file or of a folder above it: no link can
name it, and a line break would start a line of its own in `_headers`.

Bad: `updates/Shipping Plan.md`
Good: `updates/2026-11-18-shipping-plan.md`
""")

"""hubgen: a backer support hub from a folder of YAML and Markdown.

The pipeline, one module per stage:

    load.py       files -> raw data that remembers file:line
    validate.py   raw data -> typed model (model.py), collecting every problem
    lint/         rules that read the model and report diagnostics
    render/       model -> generated MkDocs project -> Material site, feeds
    write.py      the only code that touches the output folder (atomic swap)
"""

__version__ = "0.1.0"

""""Your pledge" (home page and delivery/): a backer picks their country, the
waves in their pledge, their segment and state, and reads their own dates,
what they can still change and what is for them. The choice stays in the
browser: kept over a reload, taken from a link, never sent anywhere.

The example hub ships kettles (wave 1) and mugs and pouring stands (wave 2)
wave by wave in the UK and the EU, and everything together elsewhere; it has
a retailer segment.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import serve_folder


@pytest.fixture
def served(built_site, browser):
    server, url = serve_folder(built_site)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    requests = []
    context.on("request", lambda request: requests.append(request))
    try:
        yield context, url, requests
    finally:
        context.close()
        server.shutdown()


def result_text(page) -> str:
    result = page.locator("#your-pledge [role=status]")
    result.wait_for(state="visible")
    return " ".join(result.inner_text().split())


def test_a_backer_picks_country_and_waves_reads_their_dates_and_finds_them_after_a_reload(served):
    context, url, _requests = served
    page = context.new_page()
    page.goto(url + "delivery/")
    page.get_by_label("Where do you live?").select_option(label="Germany")
    page.get_by_label("Mugs and pouring stands").check()
    text = result_text(page)
    assert text.startswith("Germany: European Union.")
    assert ("Mugs and pouring stands: Waiting: not packed yet. Estimated delivery: 26 March 2027. "
            "Import duties: collected with your order") in text
    assert "Kettles:" not in text and "12 February 2027" not in text  # wave 1 is not in their pledge
    page.get_by_label("Kettles").check()
    assert "Kettles: Packing: parcels are being packed. Estimated delivery: 12 February 2027." in result_text(page)

    page.reload()
    assert page.get_by_label("Where do you live?").input_value() == "DE"
    assert page.get_by_label("Kettles").is_checked() and page.get_by_label("Mugs and pouring stands").is_checked()
    assert "26 March 2027" in result_text(page)
    # The home page reads the same choice.
    page.goto(url)
    assert result_text(page).startswith("Germany: European Union.")


def test_a_country_where_every_wave_ships_together_says_so(served):
    context, url, _requests = served
    page = context.new_page()
    page.goto(url + "delivery/")
    page.get_by_label("Where do you live?").select_option(label="Canada")
    page.get_by_label("Kettles").check()
    assert result_text(page) == (
        "Canada: United States and Canada. Every wave ships together here: Packing: parcels are being "
        "packed. Estimated delivery: 8 February 2027. Import duties: collected with your order: nothing more "
        "to pay on delivery.")


def test_a_link_from_a_survey_email_applies_the_choice_and_leaves_the_address(served):
    context, url, _requests = served
    page = context.new_page()
    page.goto(url + "delivery/?country=GB&waves=wave-1&segment=retailer&state=locked")
    assert page.get_by_label("Where do you live?").input_value() == "GB"
    assert page.get_by_label("Kettles").is_checked()
    assert not page.get_by_label("Mugs and pouring stands").is_checked()
    assert page.get_by_label("You pledged as").input_value() == "retailer"
    assert page.get_by_label("Your pledge state").input_value() == "locked"
    text = result_text(page)
    assert "United Kingdom: United Kingdom. Kettles: Packing" in text and "5 February 2027" in text
    assert ("As “Locked down”, you can still change: shipping address (by email). "
            "Fixed by now: add-ons, colour, reward tier.") in text
    assert "For Retailers: When do retailer orders ship, and how are they packed?" in text
    # Taken, kept, and gone from the address: a reload or a shared link does not repeat it.
    assert urlsplit(page.url).query == ""
    page.get_by_role("link", name="When do retailer orders ship, and how are they packed?").click()
    page.wait_for_url(re.compile(r"/faq/#retailer-shipping$"))
    marker = page.locator("#retailer-shipping ~ .hubgen-for").first
    assert marker.inner_text() == "For Retailers"
    assert "hubgen-for-you" in marker.get_attribute("class")


def test_no_request_carries_the_choice(served):
    context, url, requests = served
    page = context.new_page()
    page.goto(url + "delivery/")
    page.get_by_label("Where do you live?").select_option(label="Switzerland")
    page.get_by_label("Mugs and pouring stands").check()
    page.get_by_label("You pledged as").select_option("retailer")
    page.get_by_label("Your pledge state").select_option("survey_done")
    page.reload()
    result_text(page)
    page.goto(url + "faq/")
    page.goto(url)
    page.locator("#your-pledge [role=status]").wait_for(state="visible")
    assert len(requests) >= 6
    for request in requests:
        sent = " ".join([request.url, request.post_data or "", *request.all_headers().values()])
        for value in ("CH", "wave-2", "retailer", "survey_done"):
            assert value not in sent.replace(url, ""), (value, request.url)
    assert context.cookies() == []
    kept = page.evaluate("JSON.parse(localStorage.getItem('hubgen-pledge'))")
    assert kept == {"country": "CH", "waves": ["wave-2"], "segment": "retailer", "state": "survey_done"}


def test_forgetting_the_choice_clears_it_from_the_browser(served):
    context, url, _requests = served
    page = context.new_page()
    page.goto(url + "delivery/?country=FR")
    assert "France: European Union." in result_text(page)
    page.get_by_role("button", name="Forget my choice").click()
    assert page.get_by_label("Where do you live?").input_value() == ""
    assert page.evaluate("localStorage.getItem('hubgen-pledge')") is None


def test_without_javascript_the_tables_show_every_region_and_wave(built_site, browser):
    server, url = serve_folder(built_site)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url + "delivery/")
        assert not page.locator("#your-pledge").is_visible()
        rows = [" | ".join(" ".join(cell.split()) for cell in row.locator("td").all_inner_texts())
                for row in page.locator("#regions ~ table tbody tr").all()]
        assert rows[:4] == [
            "United Kingdom | Kettles | Packing: parcels are being packed | 5 February 2027",
            "United Kingdom | Mugs and pouring stands | Waiting: not packed yet | 19 March 2027",
            "European Union | Kettles | Packing: parcels are being packed | 12 February 2027",
            "European Union | Mugs and pouring stands | Waiting: not packed yet | 26 March 2027",
        ]
        assert rows[4] == "Norway and Switzerland | All waves | Packing: parcels are being packed | 12 February 2027"
        assert len(rows) == 8
        moved = page.locator("#region-1 li[data-wave=wave-2]").inner_text()
        assert "Estimate moved: first 26 February 2027, 21 days later in all." in moved
    finally:
        context.close()
        server.shutdown()


def test_a_retailer_finds_the_trade_team_first_in_the_contact_form(served):
    context, url, _requests = served
    page = context.new_page()
    page.goto(url + "contact/")
    topics = page.locator("#ask-topic option")
    retail = "Retailer orders, invoices and shop displays"
    assert topics.all_inner_texts().index(retail) > 1  # a backer who said nothing sees it in its place
    page.goto(url + "delivery/?segment=retailer")
    page.goto(url + "contact/")
    assert topics.all_inner_texts()[1] == retail
    page.get_by_label("Topic").select_option(label=retail)
    panel = page.locator(".hubgen-ask__elsewhere:visible")
    assert "Saltmarsh trade team" in panel.inner_text() and "trade@tidewater.example" in panel.inner_text()


def first_answer(page, question: str) -> str:
    page.locator("#hubgen-answers-1-input").fill(question)
    first = page.locator("#hubgen-answers-1-list > li > a").first
    first.wait_for()
    return first.locator(".hubgen-result__title").inner_text().strip()


def test_the_answer_box_ranks_the_retailers_answer_first_once_they_said_so(served):
    context, url, requests = served
    page = context.new_page()
    page.goto(url)
    assert first_answer(page, "when does it ship") == "How do I track my parcel?"
    page.goto(url + "?segment=retailer")
    assert first_answer(page, "when does it ship") == "When do retailer orders ship, and how are they packed?"
    page.get_by_label("You pledged as").select_option("")
    page.get_by_label("Your pledge state").select_option("locked")
    page.reload()
    assert first_answer(page, "when does it ship") == "How do I change my shipping address?"
    # The search ran in the page's worker: no request carried who was asking.
    assert not [r.url for r in requests if "locked" in r.url.replace(url, "") or r.post_data]


def test_a_hub_without_shipping_regions_still_lets_a_backer_say_who_they_are(content_copy, tmp_path, browser):
    import yaml

    from conftest import run_hubgen

    hub_file = content_copy / "hub.yaml"
    hub = yaml.safe_load(hub_file.read_text(encoding="utf-8"))
    del hub["shipping"], hub["waves"]
    hub_file.write_text(yaml.safe_dump(hub, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_hubgen("build", str(content_copy), "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    server, url = serve_folder(tmp_path / "site")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        assert page.locator("#hubgen-country").count() == 0
        page.get_by_label("You pledged as").select_option("retailer")
        assert result_text(page) == "For Retailers: When do retailer orders ship, and how are they packed?"
    finally:
        context.close()
        server.shutdown()

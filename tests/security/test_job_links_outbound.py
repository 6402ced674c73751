"""A job link cannot make the server reach its own network, nor hold it with a huge or slow page.

The job board runs on 127.0.0.1, so the tests that read from it allow exactly 127.0.0.1/32
through the operator's setting (``job_link_private_networks``); with the default settings the
same link is refused before any connection. Redirect targets outside that allow-list (the cloud
metadata address, a 10/8 intranet host, 127.0.0.2) are refused at the hop, before connecting.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest
from markdown_it import MarkdownIt
from support.job_board import JobBoard, feed_urls
from test_outbound import FakeDNS

from core.errors import UserFacingError
from core.settings import ConfigurationError, Settings
from workflows.library.job_links import read_job_link

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def board() -> Iterator[JobBoard]:
    with JobBoard(slow_s=20) as served:
        yield served


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    """Made-up names answered as an attacker's DNS would (see tests/security/test_outbound)."""
    fake = FakeDNS(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return fake


def allowing_loopback(board: JobBoard, **values: object) -> Settings:
    return Settings(job_link_private_networks="127.0.0.1/32",
                    job_feed_urls=json.loads(feed_urls(board)), **values)


async def refusal(url: str, settings: Settings) -> str:
    with pytest.raises(UserFacingError) as refused:
        await read_job_link(url, settings)
    return refused.value.message


async def test_with_the_default_settings_a_loopback_link_is_refused_before_connecting(board):
    assert Settings().job_link_networks() == ()
    before = len(board.paths)
    message = await refusal(f"{board.url}/jobs/lumen-backend-go", Settings())
    assert "leads to an address inside a private network (127.0.0.1)" in message
    assert "paste it here instead" in message
    assert len(board.paths) == before, "nothing was sent to the private address"


async def test_a_name_is_judged_by_the_addresses_it_resolves_to(board):
    message = await refusal(f"http://localhost:{board.port}/jobs/lumen-backend-go", Settings())
    assert "leads to an address inside a private network" in message


async def test_the_operator_allow_list_lets_exactly_its_networks_through(board):
    posting, fetched = await read_job_link(f"{board.url}/jobs/lumen-backend-go",
                                           allowing_loopback(board))
    assert "two million bookings a month" in posting.text()
    assert fetched.fetched_at.tzinfo is not None
    message = await refusal(f"http://127.0.0.2:{board.port}/jobs/lumen-backend-go",
                            allowing_loopback(board))
    assert "private network (127.0.0.2)" in message


@pytest.mark.parametrize(("path", "address"), [("/go/metadata", "169.254.169.254"),
                                               ("/go/intranet", "10.1.2.3")])
async def test_a_redirect_into_a_private_network_is_refused_at_the_hop(board, path, address):
    message = await refusal(board.url + path, allowing_loopback(board))
    assert f"it redirected to ` http://{address}/" in message
    assert f"private network ({address})" in message


async def test_a_redirect_to_a_public_page_is_followed(board):
    posting, fetched = await read_job_link(f"{board.url}/go/plain", allowing_loopback(board))
    assert fetched.url.endswith("/jobs/lumen-backend-go") and "Lumen Health" in posting.text()


@pytest.mark.parametrize(("path", "values", "expected"), [
    ("/go/loop", {}, "redirected more than 5 times"),
    ("/huge", {"job_link_max_kb": 64}, "is larger than 64 KB"),
    ("/bomb", {"job_link_max_kb": 64}, "is larger than 64 KB"),
    ("/slow", {"job_link_timeout_s": 1.0}, "did not answer within 1 seconds"),
    ("/forbidden", {}, "without signing in (HTTP 403)"),
    ("/jobs/closed", {}, "There is no page at"),
    ("/flyer.pdf", {}, "is not a web page (it is ` application/pdf `)"),
    ("/jobs/view/123", {}, "asks you to sign in before it shows the posting"),
    ("/careers/app", {}, "only shows the posting once JavaScript runs"),
    ("/" + "x" * 2_100, {}, "over 2,000 characters long"),
])
async def test_pages_that_cannot_be_used_are_refused_with_what_to_do(board, path, values,
                                                                    expected):
    message = await refusal(board.url + path, allowing_loopback(board, **values))
    assert expected in message
    assert "paste" in message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/job.txt",
                                 "gopher://127.0.0.1:70/", "javascript:alert(1)",
                                 "http://admin:secret@example.org/job"])
async def test_only_plain_http_links_are_opened(url):
    message = await refusal(url, Settings())
    assert "http://" in message or "user name or password" in message


async def test_a_job_board_link_is_read_from_its_feed_through_the_same_guard(board):
    url = "https://boards.greenhouse.io/acmerobotics/jobs/4012345"
    posting, _ = await read_job_link(url, allowing_loopback(board))
    assert posting.company == "Acme Robotics" and "Greenhouse" in posting.read_from
    assert board.paths[-1] == "/v1/boards/acmerobotics/jobs/4012345"
    # The feed host pointed at loopback is still loopback: without the allow-list, refused.
    message = await refusal(url, Settings(job_feed_urls=json.loads(feed_urls(board))))
    assert "private network (127.0.0.1)" in message


def test_a_wrong_network_in_the_setting_stops_the_start_with_a_clear_error():
    with pytest.raises(ConfigurationError, match="'intranet' is neither"):
        Settings(job_link_private_networks="10.0.0.0/8, intranet")


async def test_a_redirect_target_shows_as_text_never_as_markdown(board):
    """The redirect's Location is the remote server's words, shown to the person: literal
    text in a code span, never a link, an image or emphasis."""
    message = await refusal(board.url + "/go/markdown", allowing_loopback(board))
    rendered = MarkdownIt().render(message)
    assert "<code>http://169.254.169.254/" in rendered
    assert "<img" not in rendered and "<a " not in rendered and "<em>" not in rendered


async def test_a_closed_job_board_posting_says_so_with_the_persons_link(board):
    url = "https://boards.greenhouse.io/acmerobotics/jobs/999"
    message = await refusal(url, allowing_loopback(board))
    assert message.startswith(f"Greenhouse has no open posting at ` {url} `: it may have been "
                              "closed.")


@pytest.mark.parametrize("answer", [["10.0.0.5"], ["169.254.169.254"],
                                    ["93.184.216.34", "127.0.0.1"], ["::ffff:127.0.0.1"]])
async def test_a_name_that_resolves_inward_is_refused_whatever_it_looks_like(
    board, names: FakeDNS, answer
):
    names.answer("jobs.acme-careers.test", answer)
    url = f"http://jobs.acme-careers.test:{board.port}/jobs/lumen-backend-go"
    message = await refusal(url, Settings())
    assert "leads to an address inside a private network" in message
    assert names.lookups["jobs.acme-careers.test"] == 1

"""A job posting read from a web page or a job board's public feed (pure: no network).

The fetching is ``llm/web_pages.py``'s; the flow is ``workflows/library/job_links.py``'s.
"""

from documents.job_pages.feeds import FeedSource, feed_source, posting_from_feed
from documents.job_pages.model import PagePosting, PageUnreadable
from documents.job_pages.page import posting_from_page

__all__ = [
    "FeedSource",
    "PagePosting",
    "PageUnreadable",
    "feed_source",
    "posting_from_feed",
    "posting_from_page",
]

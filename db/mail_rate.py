"""How often emails were asked for, per key (an address, a client), within a sliding window.

Counted in PostgreSQL so the limit holds across restarts and several server processes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MailRequest

WINDOW = dt.timedelta(hours=1)
# Any fixed 64-bit number different from the app's other advisory locks.
_LOCK_KEY = 7_301_126_045_010


async def take(
    session: AsyncSession, keys: dict[str, int], *, now: dt.datetime | None = None
) -> list[str]:
    """Record one request under every key and return the keys already at their limit.

    A request over a limit is not recorded, so waiting always helps. The check and the insert
    run under a transaction-scoped lock: two parallel requests cannot both slip under a limit.
    """
    when = now or dt.datetime.now(dt.UTC)
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    await session.execute(delete(MailRequest).where(MailRequest.at < when - WINDOW))
    over = []
    for key, limit in keys.items():
        count = await session.scalar(
            select(func.count()).where(MailRequest.key == key, MailRequest.at > when - WINDOW)
        )
        if int(count or 0) >= limit:
            over.append(key)
    if not over:
        session.add_all(MailRequest(key=key, at=when) for key in keys)
        await session.flush()
    return over

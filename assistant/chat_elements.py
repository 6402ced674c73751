"""Elements that point at a file already stored for its owner are recorded, not copied.

Chainlit's SQLAlchemy layer persists every element by uploading its bytes to the storage
client, and for an element given by URL it first downloads that URL itself (a relative
``/files/{id}`` cannot even be fetched server-side). Exports and uploads are already rows of the
files table, served owner-checked at ``/files/{id}``, so their elements keep that URL as is.
"""

from __future__ import annotations

import json

from chainlit.data.utils import queue_until_user_message
from chainlit.element import Element

from assistant.datalayer import TailorDataLayer

OWN_FILES_PREFIX = "/files/"


class ConversationDataLayer(TailorDataLayer):
    @queue_until_user_message()
    async def create_element(self, element: Element) -> None:
        if not (element.url or "").startswith(OWN_FILES_PREFIX):
            # The parent's queue decorator already ran here; call the undecorated method.
            await TailorDataLayer.create_element.__wrapped__(self, element)  # type: ignore[attr-defined]
            return
        if not element.for_id:
            return
        row = {k: v for k, v in element.to_dict().items() if v is not None}
        if "props" in row:
            row["props"] = json.dumps(row["props"])
        columns = ", ".join(f'"{column}"' for column in row)
        values = ", ".join(f":{column}" for column in row)
        updates = ", ".join(f'"{column}" = :{column}' for column in row if column != "id")
        await self.execute_sql(
            f"INSERT INTO elements ({columns}) VALUES ({values}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}",
            row,
        )


def create_data_layer() -> ConversationDataLayer:
    from assistant import runtime
    from assistant.filestore import DatabaseStorageClient

    return ConversationDataLayer(
        runtime.engine(), DatabaseStorageClient(runtime.session_factory())
    )

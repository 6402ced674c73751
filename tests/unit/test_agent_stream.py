"""The agent's event decoder reads every stream exactly as the OpenAI SDK's own decoder does:
the same events (data, event name, id, retry) for the same bytes, however the bytes are split
into network reads, CR, CRLF, comments and multi-line events included."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st
from openai._streaming import SSEDecoder

from llm.agent_stream import _LineFeedDecoder

LINES = st.sampled_from([
    'data: {"id":"c1","choices":[{"delta":{"content":"Hé"}}]}', "data: [DONE]", "data:{}",
    "data:", "data: two", "event: error", "event:", "id: 7", "id: a\0b", "retry: 30", "retry: x",
    ": keep-alive", "", "", "", "field without colon", "data: a: b",
])
ENDINGS = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])


def events(decoder: SSEDecoder, reads: list[bytes]) -> list[tuple[object, ...]]:
    async def chunks():
        for read in reads:
            yield read

    async def decoded() -> list[tuple[object, ...]]:
        return [(sse.event, sse.data, sse.id, sse.retry)
                async for sse in decoder.aiter_bytes(chunks())]

    return asyncio.run(decoded())


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({cut % (len(data) + 1) for cut in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(LINES, ENDINGS), max_size=14), st.lists(st.integers(0, 400), max_size=6),
       st.booleans())
def test_the_same_events_as_the_sdks_decoder(lines, cuts, lf_only):
    text = "".join(line + ("\n" if lf_only else ending) for line, ending in lines)
    reads = split(text.encode(), cuts)
    assert events(_LineFeedDecoder(), reads) == events(SSEDecoder(), reads)


def test_a_usual_stream_in_one_read_and_byte_by_byte():
    text = (b'data: {"a":1}\n\ndata: {"b":2}\n\n: ping\n\nevent: error\ndata: {"error":{}}\n\n'
            b"id: 9\n\ndata: [DONE]\n\n")
    expected = events(SSEDecoder(), [text])
    assert [data for _, data, _, _ in expected] == ['{"a":1}', '{"b":2}', '{"error":{}}', "",
                                                    "[DONE]"]
    assert events(_LineFeedDecoder(), [text]) == expected
    assert events(_LineFeedDecoder(), [text[i:i + 1] for i in range(len(text))]) == expected

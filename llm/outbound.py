"""Requests to model servers: never follow redirects, and keep personal URLs out of our network.

A base URL is checked when it is saved, but that alone is not enough: the name may resolve to a
private address later (DNS rebinding), and a public server may answer with a redirect to
169.254.169.254 or localhost, which the OpenAI client follows by default. So no connection
follows redirects (model servers have no reason to send one), and every connection is pinned:

- The host is resolved once, when the connection is opened, and refused when any of its
  addresses is not public. The socket is then connected to one of those vetted addresses
  itself, never to the name: checking the name and letting the socket resolve it again would
  leave a window in which a DNS answer that flips (a rebinding server with a zero TTL) sends the
  connection to 127.0.0.1 or the metadata address after the check passed.
- The URL's host still names the server everywhere else: httpcore sends it in the Host header,
  as the TLS server name (SNI) and as the name the certificate must match; only the TCP connect
  sees the address. This is httpcore's network backend hook (`connect_tcp` gets the host and
  port), so keep-alive, HTTP/2 and TLS stay httpcore's own.
- The instance's own model (``private_allowed``: the admin's setting, which may point at a local
  model) is pinned the same way, without the refusal. ``loopback_allowed`` (a person's settings on
  an instance only its own machine can reach) lets loopback addresses through, nothing else.

Proxies: the clients honour the environment (``trust_env``: HTTP_PROXY, HTTPS_PROXY, ALL_PROXY,
NO_PROXY). A request sent through an HTTP(S) or SOCKS proxy is resolved and connected by the
proxy, so it cannot be pinned here. For those requests the host is resolved here too and refused
before anything is sent when it is private, but a name that flips between this lookup and the
proxy's own is the proxy's to stop: an operator who sets a proxy should let it reach only the
public internet. The proxy's own address is the operator's choice and is never refused. Hosts
that NO_PROXY exempts are connected directly, pinned.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import anyio
import certifi
import httpcore2
import httpx2

from llm.reply_limits import CappedByteStream, ReplyLimits, ReplyTooLarge, refuse_compressed

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Like anyio's own connect_tcp (RFC 6555): start the next address if one has not answered yet.
HAPPY_EYEBALLS_DELAY_S = 0.25


class PrivateAddressRefused(httpx2.ConnectError):
    """A personal model URL led to an address inside the instance's network.

    A connection error to the OpenAI client, which then reports it as one (with this as cause).
    """

    def __init__(self, host: str, address: str) -> None:
        self.host = host
        self.address = address
        super().__init__(
            f"The model address '{host}' points into a private network ({address}), which "
            "personal settings may not reach. Ask your administrator to set the model for the "
            "instance, or to allow private model addresses."
        )


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """False for loopback, private, link-local, metadata, and IPv6 forms that embed them."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not address.is_multicast


def is_loopback(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """This machine: 127.0.0.0/8, ::1, and ::ffff:127.x (which Python does not call loopback)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def first_private(
    addresses: Iterable[str], *, loopback_allowed: bool = False, allowed: Networks = ()
) -> str | None:
    """The first address that is not public (loopback ones pass when ``loopback_allowed``,
    and those inside the ``allowed`` networks an operator named)."""
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if is_public(address) or (loopback_allowed and is_loopback(address)):
            continue
        if any(address.version == net.version and address in net for net in allowed):
            continue
        return text
    return None


@dataclass(frozen=True)
class AddressRule:
    """Where one client's connections may go: every address when ``private_allowed`` (the
    instance's own model, pinned without the refusal); otherwise public addresses, loopback ones
    when ``loopback_allowed``, and those in the ``allowed`` networks an operator named."""

    private_allowed: bool = False
    loopback_allowed: bool = False
    allowed: Networks = ()

    def through_proxy(self) -> AddressRule:
        # A proxy's loopback is the proxy's machine, not ours: never let it through.
        return replace(self, loopback_allowed=False)

    def vetted(self, host: str, infos: Iterable[tuple[Any, ...]]) -> list[str]:
        """The addresses of one lookup, in the resolver's order; refused if any is private."""
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not self.private_allowed and (
            private := first_private(
                addresses, loopback_allowed=self.loopback_allowed, allowed=self.allowed
            )
        ) is not None:
            raise PrivateAddressRefused(host, private)
        if not addresses:  # httpx's own error, which passes through httpcore unchanged
            raise httpx2.ConnectError(f"'{host}' has no address")
        return addresses


def _time_left(deadline: float | None) -> float | None:
    return None if deadline is None else max(deadline - anyio.current_time(), 0.0)


# --- direct connections: resolve once, vet, connect to the vetted address -----------------------


class _PinnedAsyncBackend(httpcore2.AsyncNetworkBackend):
    def __init__(self, rule: AddressRule) -> None:
        self._rule = rule
        self._network = httpcore2.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        deadline = None if timeout is None else anyio.current_time() + timeout
        try:
            with anyio.fail_after(timeout):
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError as exc:
            raise httpcore2.ConnectTimeout(f"looking up '{host}' timed out") from exc
        except OSError as exc:
            raise httpcore2.ConnectError(str(exc)) from exc
        addresses = self._rule.vetted(host, infos)

        async def connect(address: str) -> httpcore2.AsyncNetworkStream:
            return await self._network.connect_tcp(
                address, port, timeout=_time_left(deadline), local_address=local_address,
                socket_options=socket_options,
            )

        if len(addresses) == 1:
            return await connect(addresses[0])
        return await _first_to_connect(addresses, connect)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.AsyncNetworkStream:
        return await self._network.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


async def _first_to_connect(addresses: list[str], connect: Any) -> httpcore2.AsyncNetworkStream:
    """Try the addresses in order, starting the next one when the last has not connected within
    HAPPY_EYEBALLS_DELAY_S or failed; the first connection wins, the others are closed."""
    connected: list[httpcore2.AsyncNetworkStream] = []
    failures: list[Exception] = []

    async def attempt(address: str, done: anyio.Event) -> None:
        try:
            connected.append(await connect(address))
            tasks.cancel_scope.cancel()
        except (httpcore2.ConnectError, httpcore2.ConnectTimeout) as exc:
            failures.append(exc)
        finally:
            done.set()

    async with anyio.create_task_group() as tasks:
        for address in addresses:
            done = anyio.Event()
            tasks.start_soon(attempt, address, done)
            with anyio.move_on_after(HAPPY_EYEBALLS_DELAY_S):
                await done.wait()
    if not connected:
        raise failures[-1]
    for extra in connected[1:]:
        await extra.aclose()
    return connected[0]


class _PinnedSyncBackend(httpcore2.NetworkBackend):
    def __init__(self, rule: AddressRule) -> None:
        self._rule = rule
        self._network = httpcore2.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore2.ConnectError(str(exc)) from exc
        failure: Exception | None = None
        # In turn, as socket.create_connection (httpcore's own sync backend) does.
        for address in self._rule.vetted(host, infos):
            try:
                return self._network.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore2.ConnectError, httpcore2.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.NetworkStream:
        return self._network.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self._network.sleep(seconds)


def _pool_options(options: dict[str, Any]) -> dict[str, Any]:
    """httpcore pool arguments for the transport options an httpx client passes."""
    limits: httpx2.Limits = options["limits"]
    return {
        "ssl_context": httpx2.create_ssl_context(
            verify=options["verify"], cert=options.get("cert"), trust_env=options["trust_env"]
        ),
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
        "http1": options["http1"],
        "http2": options["http2"],
    }


class _PinnedAsyncTransport(httpx2.AsyncHTTPTransport):
    """httpx's transport, with a connection pool whose sockets go to vetted addresses only."""

    def __init__(self, *, rule: AddressRule, **options: Any) -> None:
        super().__init__(**options)
        self._pool = httpcore2.AsyncConnectionPool(
            network_backend=_PinnedAsyncBackend(rule), **_pool_options(options)
        )


class _PinnedSyncTransport(httpx2.HTTPTransport):
    def __init__(self, *, rule: AddressRule, **options: Any) -> None:
        super().__init__(**options)
        self._pool = httpcore2.ConnectionPool(
            network_backend=_PinnedSyncBackend(rule), **_pool_options(options)
        )


# --- through an operator's proxy: the proxy resolves; refuse what resolves inward here ----------


def _port(url: httpx2.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


def _host(url: httpx2.URL) -> str:
    return url.raw_host.decode("ascii")


class _ProxiedAsyncTransport(httpx2.AsyncHTTPTransport):
    def __init__(self, *, rule: AddressRule, **options: Any) -> None:
        super().__init__(**options)
        self._rule = rule

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            infos = await anyio.getaddrinfo(
                _host(request.url), _port(request.url), type=socket.SOCK_STREAM
            )
        except OSError as exc:
            raise httpx2.ConnectError(str(exc), request=request) from exc
        self._rule.vetted(_host(request.url), infos)
        return await super().handle_async_request(request)


class _ProxiedSyncTransport(httpx2.HTTPTransport):
    def __init__(self, *, rule: AddressRule, **options: Any) -> None:
        super().__init__(**options)
        self._rule = rule

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            infos = socket.getaddrinfo(
                _host(request.url), _port(request.url), type=socket.SOCK_STREAM
            )
        except OSError as exc:
            raise httpx2.ConnectError(str(exc), request=request) from exc
        self._rule.vetted(_host(request.url), infos)
        return super().handle_request(request)


# --- the clients ---------------------------------------------------------------------------------
# httpx builds its transports in `_init_transport` (direct) and `_init_proxy_transport` (one per
# proxy found in the environment). Handing it a `transport=` instead would silently turn the
# environment's proxies off, so the clients override those two builders, all in one place.


class _GuardedTransports:
    """The two transport builders of a client whose connections follow ``_rule``: pinned when
    direct, vetted before the proxy when proxied (unless every address is allowed)."""

    _rule: AddressRule
    _pinned: type[httpx2.AsyncHTTPTransport | httpx2.HTTPTransport]
    _proxied: type[httpx2.AsyncHTTPTransport | httpx2.HTTPTransport]
    _plain: type[httpx2.AsyncHTTPTransport | httpx2.HTTPTransport]

    def _init_transport(self, transport: Any = None, **options: Any) -> Any:
        if transport is not None:
            return transport
        return self._pinned(rule=self._rule, **options)

    def _init_proxy_transport(self, proxy: httpx2.Proxy, **options: Any) -> Any:
        if self._rule.private_allowed:
            return self._plain(proxy=proxy, **options)
        return self._proxied(rule=self._rule.through_proxy(), proxy=proxy, **options)


class _AsyncTransports(_GuardedTransports):
    _pinned, _proxied, _plain = (
        _PinnedAsyncTransport, _ProxiedAsyncTransport, httpx2.AsyncHTTPTransport)


class _SyncTransports(_GuardedTransports):
    _pinned, _proxied, _plain = _PinnedSyncTransport, _ProxiedSyncTransport, httpx2.HTTPTransport


def _options() -> dict[str, Any]:
    # Redirects are never followed by the client: a model server has no reason to send one, and
    # a job link's caller follows them one vetted hop at a time.
    return {"follow_redirects": False, "verify": _tls(), "trust_env": True}


class _ModelAsyncClient(_AsyncTransports, httpx2.AsyncClient):
    def __init__(self, *, rule: AddressRule, limits: ReplyLimits, **options: Any) -> None:
        self._rule = rule  # before httpx's __init__, which builds the transports
        self._reply_limits = limits
        super().__init__(**options)

    async def send(  # type: ignore[override]
        self, request: httpx2.Request, *, stream: bool = False, **kwargs: Any
    ) -> httpx2.Response:
        """Every reply body is read through the reply limits, streamed or not; uncompressed,
        so the bytes counted are the bytes kept."""
        request.headers["Accept-Encoding"] = "identity"
        response = await super().send(request, stream=True, **kwargs)
        try:
            refuse_compressed(response)
            response.stream = CappedByteStream(response.stream, self._reply_limits)
            if not stream:
                await response.aread()
        except BaseException:
            await response.aclose()
            raise
        return response


class _ModelSyncClient(_SyncTransports, httpx2.Client):
    def __init__(self, *, rule: AddressRule, **options: Any) -> None:
        self._rule = rule
        super().__init__(**options)


class GuardedAsyncClient(_AsyncTransports, httpx2.AsyncClient):
    """An HTTP client for what people link to (job pages): public addresses only, or those in
    the ``allowed`` networks an operator named; pinned like the model clients, proxies the
    same. Redirects are the caller's to follow, one vetted hop at a time."""

    def __init__(self, *, allowed: Networks = (), **options: Any) -> None:
        self._rule = AddressRule(allowed=allowed)
        super().__init__(**_options(), **options)


@functools.cache
def _tls() -> ssl.SSLContext:
    # Loading the CA bundle costs milliseconds; clients are made per connection, so share it.
    return ssl.create_default_context(cafile=certifi.where())


def model_http_clients(
    *, private_allowed: bool, loopback_allowed: bool = False, limits: ReplyLimits | None = None
) -> dict[str, Any]:
    """Keyword arguments for ChatOpenAI: its sync and async httpx clients.

    ``loopback_allowed`` lets a direct connection reach this machine's loopback addresses (and
    nothing else private); a proxied one still may not, as the proxy's loopback is not ours.

    The app calls models only asynchronously, so only the async client caps reply sizes.
    """
    rule = AddressRule(private_allowed=private_allowed, loopback_allowed=loopback_allowed)
    return {
        "http_async_client": _ModelAsyncClient(
            rule=rule, limits=limits or ReplyLimits(), **_options()
        ),
        "http_client": _ModelSyncClient(rule=rule, **_options()),
    }


def refusal_in(exc: BaseException) -> PrivateAddressRefused | ReplyTooLarge | None:
    """The refusal behind a client error (the OpenAI client wraps it as a connection error):
    a private address, or a reply past its limits. Neither is worth asking again."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, PrivateAddressRefused | ReplyTooLarge):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None

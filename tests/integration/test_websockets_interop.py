#!/usr/bin/env python3
"""Interoperability: Debian's python3-websockets as a client of the real natterd.

Registers a user with a RegisterRequest Envelope sent as one binary frame (the
protobuf bytes are built by hand: varints and length-delimited fields), reads
the AuthResponse, then checks ping/pong, that a text frame is refused (1003)
and a clean close handshake."""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

try:
    import websockets
except ImportError:
    # Debian's package lives in Debian's interpreter; CMake may have found another.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and os.access("/usr/bin/python3", os.X_OK):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("FAIL: python3-websockets is missing (scripts/install-deps.sh installs it)")
    sys.exit(1)

# Field numbers from core/protocol/natter.proto.
ENV_VERSION, ENV_REQUEST_ID, ENV_ERROR, ENV_REGISTER, ENV_AUTH = 1, 2, 3, 10, 13
VARINT, LEN = 0, 2


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number, wire, value):
    key = varint((number << 3) | wire)
    if wire == VARINT:
        return key + varint(value)
    return key + varint(len(value)) + value


def decode(buf):
    """Flat decode of one message: {field: [values]} (varints as int, the rest as bytes)."""
    out, i = {}, 0
    while i < len(buf):
        key, i = read_varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == VARINT:
            value, i = read_varint(buf, i)
        elif wire == LEN:
            n, i = read_varint(buf, i)
            value, i = buf[i:i + n], i + n
            h.check(len(value) == n, "truncated length-delimited field %d" % number)
        else:
            h.fail("unexpected wire type %d for field %d" % (wire, number))
        out.setdefault(number, []).append(value)
    return out


def read_varint(buf, i):
    n, shift = 0, 0
    while True:
        h.check(i < len(buf), "truncated varint")
        b = buf[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, i


def register_envelope(request_id, user, password, device):
    body = (field(1, LEN, user.encode()) + field(2, LEN, password.encode())
            + field(3, LEN, device.encode()))
    return (field(ENV_VERSION, VARINT, 1) + field(ENV_REQUEST_ID, VARINT, request_id)
            + field(ENV_REGISTER, LEN, body))


async def scenario(url):
    async with websockets.connect(url, compression=None, max_size=2**26) as ws:
        await ws.send(register_envelope(42, "pyinterop", "password123", "python"))
        reply = await asyncio.wait_for(ws.recv(), 10)
        h.check(isinstance(reply, bytes), "the response is not a binary frame: %r" % (reply,))
        env = decode(reply)
        h.check_eq(env.get(ENV_VERSION), [1], "Envelope.version")
        h.check_eq(env.get(ENV_REQUEST_ID), [42], "Envelope.request_id")
        h.check(ENV_ERROR not in env, "register failed: %r" % (env.get(ENV_ERROR),))
        h.check(ENV_AUTH in env, "no AuthResponse in %r" % (env,))
        auth = decode(env[ENV_AUTH][0])
        h.check(auth.get(1, [0])[0] > 0, "AuthResponse.user_id is 0")
        h.check_eq(auth.get(2), [b"pyinterop"], "AuthResponse.user")
        h.check(auth.get(3, [0])[0] > 0, "AuthResponse.device_id is 0")
        h.check(len(auth.get(4, [b""])[0]) > 0, "AuthResponse.token is empty")
        h.log("registered: user_id", auth[1][0], "device_id", auth[3][0])

        pong = await ws.ping(b"interop-ping")
        await asyncio.wait_for(pong, 5)
        h.log("ping answered")

        await ws.close(code=1000, reason="done")
        h.check_eq(ws.close_code, 1000, "close code echoed by natterd")
        h.log("closed cleanly:", ws.close_code)

    # natterd speaks binary only: a text frame ends the connection with 1003.
    async with websockets.connect(url, compression=None) as ws:
        await ws.send("hello")
        try:
            await asyncio.wait_for(ws.recv(), 5)
            h.fail("natterd answered a text frame")
        except websockets.exceptions.ConnectionClosed as e:
            code = e.rcvd.code if e.rcvd else None
            h.check_eq(code, 1003, "close code for a text frame")
        h.log("text frame refused with 1003")


def main(env):
    srv = env.start_server()
    h.log("websockets", websockets.__version__, "->", srv.url)
    asyncio.run(scenario(srv.url))


h.run_test(main)

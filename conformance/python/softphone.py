#!/usr/bin/python3
"""A reference BIZTEL softphone in Python, written from the softphone contract (protocol 2,
docs/protocol.md) alone: the conformance kit runs it in CI to show that a non-JavaScript
softphone can pass every check. It is one file of about 370 lines on purpose (over the project's
~350): a vendor reads it top to bottom as a worked example, without a package to install.

It uses Debian's python3-socketio (5.7, the client), python3-requests and python3-websocket
(the WebSocket transport). Run it with /usr/bin/python3 (a pyenv python does not see Debian's
packages):

    /usr/bin/python3 conformance/python/softphone.py --url http://127.0.0.1:8787 \
        --account agent01 --password secret --extension 1001

What it implements:
- the handshake: auth {protocol: 2, account, password, extension} on /softphone, WebSocket only;
- server:hello: the server clock offset (serverTime - local now) and the limits;
- device:state: the complete state {calls, parked} on connect and after every change;
- device:command: validation (INVALID_PAYLOAD), each id run at most once (a repeat gets the first
  answer, ids kept commandIdRetentionMs), refusal EXPIRED past the deadline in the server clock;
- a tiny phone model: dial (the far end answers after --answer-after seconds; dialling while the
  only other call is held makes an attended consultation), answer, hangup, hold, unhold, park
  (a slot from 701), dtmf (tones only), transfer (joins the held call with its consultation:
  both leave this phone);
- standard input: `ring <from>` makes an inbound call ring;
- server:bye: `replaced` and `inUse` -> it stops and never reconnects; `shutdown` -> it lets
  the client reconnect (python-socketio reconnects by itself after a dropped transport).
"""

import argparse
import re
import sys
import threading
import time

import socketio

PROTOCOL_VERSION = 2
NAMESPACE = "/softphone"
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
NUMBER_PATTERN = re.compile(r"^[0-9*#]{1,32}$")
DIGITS_PATTERN = re.compile(r"^[0-9*#]{1,32}$")
COMMAND_TYPES = ("dial", "answer", "hangup", "hold", "unhold", "park", "dtmf", "transfer")
MAX_CALLS = 8
FIRST_PARK_SLOT = 701
PARK_RECALL_MS = 300_000


def log(message):
    """Diagnostics go to stderr (the kit shows them when a check fails)."""
    print(f"softphone: {message}", file=sys.stderr, flush=True)


def refuse(code, message=None):
    """A command's answer when it is not run."""
    reply = {"ok": False, "code": code}
    if message:
        reply["message"] = message
    return reply


OK = {"ok": True}


class Phone:
    """One extension's calls and parked calls. Times are in the server's clock (ms)."""

    def __init__(self, clock, publish, answer_after):
        self.clock = clock  # () -> server time in ms
        self.publish = publish  # (state) -> None, called after every change
        self.answer_after = answer_after  # seconds until the far end answers a dialled call
        self.calls = []
        self.parked = []
        self.next_id = 1
        self.lock = threading.RLock()

    def state(self):
        """The complete state as device:state sends it (copies, so later changes do not leak)."""
        with self.lock:
            return {"calls": [dict(c) for c in self.calls], "parked": [dict(p) for p in self.parked]}

    def changed(self):
        self.publish(self.state())

    def new_call(self, direction, call_state, number):
        call = {
            "id": f"py-{self.next_id}",
            "direction": direction,
            "state": call_state,
            "remoteNumber": number,
            "startedAt": self.clock(),
        }
        self.next_id += 1
        return call

    def find(self, call_id):
        return next((c for c in self.calls if c["id"] == call_id), None)

    # ---- the outside world ------------------------------------------------------------

    def ring(self, number):
        """An inbound call from `number` rings."""
        with self.lock:
            if len(self.calls) >= MAX_CALLS:
                log("ring refused: too many calls")
                return
            self.calls.append(self.new_call("inbound", "ringing", number or "anonymous"))
        self.changed()

    def far_end_answers(self, call_id):
        with self.lock:
            call = self.find(call_id)
            if call is None or call["state"] != "dialing":
                return
            call["state"] = "talking"
            call["answeredAt"] = self.clock()
        self.changed()

    # ---- commands (already validated, not expired, not repeated) -----------------------

    def run(self, command):
        with self.lock:
            reply = getattr(self, "do_" + command["type"])(command)
        if reply["ok"]:
            self.changed()
        return reply

    def do_dial(self, command):
        if any(c["state"] != "held" for c in self.calls):
            return refuse("BUSY", "another call is not on hold")
        if len(self.calls) >= MAX_CALLS:
            return refuse("BUSY", "too many calls")
        call = self.new_call("outbound", "dialing", command["number"])
        if "callerIdNumber" in command:
            call["callerIdNumber"] = command["callerIdNumber"]
        if len(self.calls) == 1:
            # The only other call is held: this is its attended consultation.
            call["transfer"] = {"kind": "attended", "of": self.calls[0]["id"]}
        self.calls.append(call)
        timer = threading.Timer(self.answer_after, self.far_end_answers, args=(call["id"],))
        timer.daemon = True
        timer.start()
        return OK

    def call_or_refusal(self, command):
        call = self.find(command["callId"])
        return (call, None) if call else (None, refuse("NO_SUCH_CALL"))

    def do_answer(self, command):
        call, refusal = self.call_or_refusal(command)
        if refusal:
            return refusal
        if call["state"] != "ringing":
            return refuse("BUSY", f"call is {call['state']}")
        call["state"] = "talking"
        call["answeredAt"] = self.clock()
        return OK

    def do_hangup(self, command):
        call, refusal = self.call_or_refusal(command)
        if refusal:
            return refusal
        self.calls.remove(call)
        # A consultation whose held call ended is no longer one.
        for other in self.calls:
            if other.get("transfer", {}).get("of") == call["id"]:
                del other["transfer"]
        return OK

    def do_hold(self, command):
        call, refusal = self.call_or_refusal(command)
        if refusal:
            return refusal
        if call["state"] != "talking":
            return refuse("BUSY", f"cannot hold a call that is {call['state']}")
        call["state"] = "held"
        call["heldAt"] = self.clock()
        return OK

    def do_unhold(self, command):
        call, refusal = self.call_or_refusal(command)
        if refusal:
            return refusal
        if call["state"] != "held":
            return refuse("BUSY", f"call is {call['state']}")
        call["state"] = "talking"
        del call["heldAt"]
        return OK

    def do_park(self, command):
        call, refusal = self.call_or_refusal(command)
        if refusal:
            return refusal
        if call["state"] not in ("talking", "held"):
            return refuse("BUSY", f"cannot park a call that is {call['state']}")
        taken = {p["slot"] for p in self.parked}
        slot = next(str(n) for n in range(FIRST_PARK_SLOT, FIRST_PARK_SLOT + 100) if str(n) not in taken)
        now = self.clock()
        self.calls.remove(call)
        self.parked.append({"slot": slot, "remoteNumber": call["remoteNumber"], "parkedAt": now, "recallAt": now + PARK_RECALL_MS})
        return OK

    def do_dtmf(self, command):
        call, refusal = self.call_or_refusal(command)
        if refusal:
            return refusal
        if call["state"] != "talking":
            return refuse("BUSY", f"call is {call['state']}")
        # Tones only: the far end hears them; nothing changes on this phone.
        return OK

    def do_transfer(self, command):
        call, refusal = self.call_or_refusal(command)
        if refusal:
            return refusal
        if "transfer" not in call:
            return refuse("NOT_ALLOWED", "not a consultation call")
        held = self.find(call["transfer"]["of"])
        if held is None:
            return refuse("NO_SUCH_CALL", "the held call has ended")
        if call["state"] not in ("talking", "held"):
            return refuse("BUSY", "the target has not answered")
        # The held caller and the target are joined: both calls leave this phone.
        self.calls.remove(call)
        self.calls.remove(held)
        return OK


def check_command(raw):
    """Returns (command, None) for a valid command, or (None, reason) for INVALID_PAYLOAD."""
    if not isinstance(raw, dict):
        return None, "not an object"
    kind = raw.get("type")
    if kind not in COMMAND_TYPES:
        return None, f"unknown type {kind!r}"
    if not isinstance(raw.get("id"), str) or not ID_PATTERN.match(raw["id"]):
        return None, "bad id"
    deadline = raw.get("deadline")
    if not isinstance(deadline, int) or isinstance(deadline, bool) or deadline < 0:
        return None, "bad deadline"
    if kind == "dial":
        if not isinstance(raw.get("number"), str) or not NUMBER_PATTERN.match(raw["number"]):
            return None, "bad number"
        caller_id = raw.get("callerIdNumber")
        if caller_id is not None and (not isinstance(caller_id, str) or not 1 <= len(caller_id) <= 32):
            return None, "bad callerIdNumber"
    else:
        if not isinstance(raw.get("callId"), str) or not ID_PATTERN.match(raw["callId"]):
            return None, "bad callId"
    if kind == "dtmf" and (not isinstance(raw.get("digits"), str) or not DIGITS_PATTERN.match(raw["digits"])):
        return None, "bad digits"
    return raw, None


class Softphone:
    """The connection to the event server and the contract's rules around the phone."""

    def __init__(self, args):
        self.args = args
        self.offset_ms = 0  # server clock - local clock, from the last hello
        self.retention_ms = 120_000  # how long command ids are remembered (hello says)
        self.answers = {}  # command id -> (reply, local time it was given)
        self.answers_lock = threading.Lock()
        self.stopped = False  # replaced / in use: never reconnect
        self.phone = Phone(self.server_now, self.publish, args.answer_after)
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.5, reconnection_delay_max=2, handle_sigint=False)
        self.sio.on("connect", self.on_connect, namespace=NAMESPACE)
        self.sio.on("connect_error", self.on_connect_error, namespace=NAMESPACE)
        self.sio.on("disconnect", self.on_disconnect, namespace=NAMESPACE)
        self.sio.on("server:hello", self.on_hello, namespace=NAMESPACE)
        self.sio.on("server:bye", self.on_bye, namespace=NAMESPACE)
        self.sio.on("device:command", self.on_command, namespace=NAMESPACE)

    @staticmethod
    def local_now():
        return int(time.time() * 1000)

    def server_now(self):
        return self.local_now() + self.offset_ms

    def start(self):
        """Connects, retrying the first connection until the server accepts it."""
        auth = {"protocol": PROTOCOL_VERSION, "account": self.args.account, "password": self.args.password, "extension": self.args.extension}
        while not self.stopped:
            try:
                self.sio.connect(self.args.url, auth=auth, transports=["websocket"], namespaces=[NAMESPACE], wait_timeout=10)
                return
            except socketio.exceptions.ConnectionError as error:
                log(f"connection failed ({error}); retrying")
                time.sleep(1)

    def publish(self, state):
        # `connected` is still False inside the connect handler; the namespace is already there.
        if NAMESPACE in self.sio.namespaces:
            try:
                self.sio.emit("device:state", state, namespace=NAMESPACE)
            except socketio.exceptions.BadNamespaceError:
                pass  # the connection dropped meanwhile: the state goes out on the next connect

    # ---- events -----------------------------------------------------------------------

    def on_connect(self):
        log("connected")
        self.publish(self.phone.state())

    def on_connect_error(self, data):
        # A refused handshake: data = {code, message, retryAfterMs?, supported?}.
        log(f"handshake refused: {data}")

    def on_disconnect(self):
        log("disconnected" + ("; not reconnecting" if self.stopped else ""))

    def on_hello(self, hello):
        self.offset_ms = hello["serverTime"] - self.local_now()
        self.retention_ms = hello["limits"]["commandIdRetentionMs"]
        log(f"hello: server {hello['serverVersion']}, clock offset {self.offset_ms} ms")

    def on_bye(self, bye):
        reason = bye.get("reason") if isinstance(bye, dict) else None
        log(f"bye: {reason}")
        if reason in ("replaced", "inUse"):
            # Another softphone holds this extension now: stay away.
            self.stopped = True
            threading.Thread(target=self.sio.disconnect, daemon=True).start()

    def on_command(self, raw):
        """The return value is the command's ack."""
        command, problem = check_command(raw)
        if command is None:
            return refuse("INVALID_PAYLOAD", problem)
        now = self.local_now()
        with self.answers_lock:
            for old in [i for i, (_, at) in self.answers.items() if now - at > self.retention_ms]:
                del self.answers[old]
            first = self.answers.get(command["id"])
            if first is not None:
                return first[0]
            if now + self.offset_ms > command["deadline"]:
                reply = refuse("EXPIRED", "the command arrived after its deadline")
            else:
                reply = self.phone.run(command)
            self.answers[command["id"]] = (reply, now)
        return reply


def main():
    parser = argparse.ArgumentParser(description="Reference BIZTEL softphone (protocol 2)")
    parser.add_argument("--url", required=True)
    parser.add_argument("--account", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--extension", required=True)
    parser.add_argument("--answer-after", type=float, default=0.3, help="seconds until the far end answers a dialled call")
    args = parser.parse_args()

    softphone = Softphone(args)
    softphone.start()
    # Standard input: one command a line (`ring <from>`); the phone keeps running after EOF.
    for line in sys.stdin:
        words = line.split()
        if words and words[0] == "ring":
            softphone.phone.ring(words[1] if len(words) > 1 else "")
        elif words:
            log(f"unknown input {words[0]!r} (known: ring <from>)")
    threading.Event().wait()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What LibreOffice makes of the tracked changes in DOCX files (a test instrument for issue 16).

    lo_redlines.py [--only-text] [--keep-empty] [--details] [--reload] [--profile DIR]
                   [--timeout S] [--timings] [--] FILE.docx...

Starts ONE headless soffice (soffice.bin itself, a private pipe, a throwaway profile unless
--profile names one to reuse), loads each file hidden and prints one JSON array on stdout, an object
per file in the order given:

    {"file", "loaded": true|false, "error"?, "warnings": [...],
     "redlines": N, "redlineTypes": {"Insert": n, "Delete": n, ...}, "details"?: [...],
     "original": TEXT, "accepted": TEXT, "rejected": TEXT,
     "left": {"accepted": n, "rejected": n}, "empty": {"original": n, "accepted": n, "rejected": n}}

- redlines: the count LibreOffice itself reports right after loading (XRedlinesSupplier
  .getRedlines()), redlineTypes its RedlineType values counted ("Insert", "Delete", "Format",
  "ParagraphFormat", ...); details (--details): each one's type, author, date and the text it covers.
- accepted / rejected: the text after LibreOffice's own Edit > Track Changes > Accept All (dispatch
  .uno:AcceptAllTrackedChanges) and Reject All (.uno:RejectAllTrackedChanges), the reject on the
  document as loaded: the accept is undone, and when the undo does not give back the same redline
  count and text the file is loaded again (--reload: always). "left" counts the redlines still there
  after each, so an accept or reject that did nothing shows (it is 0 and 0).
- empty: the empty paragraphs in each state, which the texts leave out (--keep-empty keeps them as
  empty lines): a reject that leaves an empty paragraph behind shows here.
- original: the text as loaded, which holds the deleted text as well as the inserted text.
- warnings: what LibreOffice asked while loading (through an interaction handler that answers every
  request with abort, so nothing is repaired silently).
- --only-text: only original (loaded, error, warnings), for drafts without changes.

TEXT is LibreOffice's own text export of the body ("Text (encoded)", UTF-8: one call inside the
office; walking the paragraphs over UNO costs a round trip per call, seconds for one agreement):
- one line per paragraph, in document order, table cells included row by row and cell by cell
  (tables nested in a cell where they stand);
- list labels (Word automatic numbering from w:numPr or a numbered heading style: "1.", "(a)",
  "3.2", and bullets "•") are text before the paragraph's own text;
- a line break inside a paragraph (w:br) starts a new line, as in the export;
- every run of whitespace (spaces, tabs, no-break and other Unicode spaces) is one space, lines are
  trimmed, empty lines are dropped (see empty);
- left out: the tables of contents (every document index is removed from the loaded copy first,
  with change recording off, so this is not a change), headers and footers, the text of footnotes
  and comments (a footnote's number stays in the body text), text frames and shapes.

The files are never written: LibreOffice loads a private copy (which also keeps it from opening a
file read-only, where accept and reject do nothing), without macros or link updates, and closes it
without saving. A file that does not load (missing, empty, damaged, not a Word document) gives
loaded=false and an error. A file that takes longer than --timeout seconds (a hung load, accept or
export) or crashes soffice gives an error too: soffice is killed, and the next file gets a new one. soffice is killed at the end,
also on an exception or SIGTERM/SIGINT/SIGHUP, and dies with this script if it is killed outright.

Needs the Python python3-uno is built for (on Debian /usr/bin/python3: a pyenv python3 cannot
import uno). Exit code 0 with the JSON on stdout; 2 for bad arguments; 3 when soffice cannot start.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.task import XInteractionHandler

WORD_FILTER = "MS Word 2007 XML"
START_TIMEOUT = 90.0  # a first start builds the profile; a loaded machine is slow


def log(msg: str) -> None:
    print(f"lo_redlines: {msg}", file=sys.stderr, flush=True)


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    """One headless soffice and the UNO connection to it."""

    def __init__(self, profile: str | None = None) -> None:
        # A given profile is kept (a start with a built profile is seconds quicker); ours is not.
        self.own_profile = profile is None
        self.profile = profile or tempfile.mkdtemp(prefix="cw-uno-")
        self.scratch = tempfile.mkdtemp(prefix="cw-uno-text-")
        self.proc: subprocess.Popen | None = None
        self.ctx = None
        self.desktop = None
        self.dispatcher = None
        self.lock = threading.Lock()

    def start(self) -> float:
        """Starts soffice and connects; the seconds it took."""
        t0 = time.monotonic()
        seed_profile(self.profile)
        for _ in range(3):
            pipe = f"cw_uno_{os.getpid()}_{uuid.uuid4().hex[:8]}"  # a new one per start: no stale pipe
            args = [
                soffice_binary(),
                f"-env:UserInstallation={uno.systemPathToFileUrl(self.profile)}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ]
            # Its own session, so what it starts is killed with it as one group; and it dies with
            # this script when the script is killed outright (Linux; best effort).
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)
            if self._connect(pipe):
                smgr = self.ctx.ServiceManager
                self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
                self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.ctx)
                return time.monotonic() - t0
            # soffice.bin asks to be started again after it builds a new profile (exit 81, which
            # the oosplash launcher would do for us).
            code = self.proc.returncode
            self.kill()
            if code != 81:
                raise RuntimeError(f"soffice exited with {code} before accepting a connection")
        raise RuntimeError("soffice kept asking to be restarted")

    def _connect(self, pipe: str) -> bool:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                return True
            except NoConnectException:
                if self.proc is None or self.proc.poll() is not None:
                    return False
                if time.monotonic() > deadline:
                    self.kill(hung=True)
                    raise RuntimeError(f"soffice did not accept a connection within {START_TIMEOUT:.0f} s") from None
                time.sleep(0.05)

    def alive(self) -> bool:
        return self.desktop is not None and self.proc is not None and self.proc.poll() is None

    def kill(self, hung: bool = False) -> None:
        """Ends soffice: asks it to quit (unless it hangs), then kills what is left of its group."""
        with self.lock:  # the watchdog's thread may kill it while the main thread does
            desktop, proc = self.desktop, self.proc
            self.desktop = self.ctx = self.dispatcher = self.proc = None
            if desktop is not None and not hung:
                try:
                    desktop.terminate()
                except Exception:
                    pass
            if proc is None:
                return
            try:
                proc.wait(timeout=0.01 if hung else 10)
            except subprocess.TimeoutExpired:
                pass
            for sig in (signal.SIGTERM, signal.SIGKILL):
                if not _group_alive(proc.pid):
                    break
                try:
                    os.killpg(proc.pid, sig)
                except (ProcessLookupError, PermissionError):
                    break
                deadline = time.monotonic() + 5
                while _group_alive(proc.pid) and time.monotonic() < deadline:
                    proc.poll()  # reaps our child, so a zombie does not look alive
                    time.sleep(0.05)
            proc.poll()

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.scratch, ignore_errors=True)
        if self.own_profile:
            shutil.rmtree(self.profile, ignore_errors=True)


# LibreOffice 7.2+ runs its ~100 graphics render tests at each start of a profile whose
# ooSetupLastVersion is older than itself, and only the GUI ever updates that value: headless, every
# start pays for them (5 s of CPU here, most of a start). A new profile is told it has seen this
# version (99.9: any) and skips them; nothing else reads the value headless.
PROFILE_SEED = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>99.9</value></prop></item>
</oor:items>
"""


def seed_profile(profile: str) -> None:
    """Gives the profile the setting above (a new one, or one LibreOffice built without it)."""
    registry = os.path.join(profile, "user", "registrymodifications.xcu")
    if not os.path.exists(registry):
        os.makedirs(os.path.dirname(registry), exist_ok=True)
        with open(registry, "w", encoding="utf-8") as f:
            f.write(PROFILE_SEED)
        return
    with open(registry, encoding="utf-8") as f:
        xcu = f.read()
    end = xcu.rfind("</oor:items>")
    if "ooSetupLastVersion" not in xcu and end >= 0:
        item = PROFILE_SEED.splitlines()[2]
        with open(registry, "w", encoding="utf-8") as f:
            f.write(xcu[:end] + item + "\n" + xcu[end:])


def soffice_binary() -> str:
    """soffice.bin itself rather than the soffice script and its oosplash launcher: then the
    process we start is the office, and a parent-death signal reaches it."""
    found = shutil.which("soffice")
    if found:
        real = os.path.join(os.path.dirname(os.path.realpath(found)), "soffice.bin")
        if os.access(real, os.X_OK):
            return real
        return found
    return "soffice"


def _group_alive(group: int) -> bool:
    """Whether a process of the group is still running (a zombie is not)."""
    try:
        names = os.listdir("/proc")
    except OSError:
        try:
            os.killpg(group, 0)
            return True
        except OSError:
            return False
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and fields[2] == str(group) and fields[0] != "Z":
            return True
    return False


def _die_with_parent() -> None:
    try:
        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except Exception:
        pass


class Interactions(unohelper.Base, XInteractionHandler):
    """Records what LibreOffice asks while loading and answers every request with abort (or, when
    a request cannot be aborted, disapprove), so that nothing is repaired or changed silently."""

    def __init__(self) -> None:
        self.requests: list[str] = []

    def handle(self, request) -> None:
        req = request.getRequest()
        name = getattr(req, "typeName", None) or type(req).__name__
        message = (getattr(req, "Message", "") or "").strip()
        self.requests.append(name + (f": {message}" if message else ""))
        continuations = request.getContinuations()
        for wanted in ("com.sun.star.task.XInteractionAbort", "com.sun.star.task.XInteractionDisapprove"):
            for c in continuations:
                if c.queryInterface(uno.getTypeByName(wanted)) is not None:
                    c.select()
                    return


# ---------------------------------------------------------------- text

WS = re.compile(r"[^\S\n]+")  # str regex: Unicode whitespace but the line feed (tab, NBSP, U+2007, U+202F...)


def drop_contents(doc) -> None:
    """Removes the tables of contents (every document index) from the loaded copy.

    Change recording is switched off first, so the removal is not itself a tracked change. The
    file on disk is never written."""
    doc.setPropertyValue("RecordChanges", False)
    indexes = doc.getDocumentIndexes()
    for i in reversed(range(indexes.getCount())):
        indexes.getByIndex(i).dispose()


def body_text(office: Office, doc, keep_empty: bool = False) -> tuple[str, int]:
    """The body text through LibreOffice's own text export (one call, in the office process:
    walking paragraphs over UNO costs a round trip per property, seconds for one agreement)."""
    target = os.path.join(office.scratch, "text.txt")
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
    with open(target, encoding="utf-8-sig") as f:
        raw = f.read()
    os.unlink(target)
    raw = raw.replace("\r\n", "\n")
    if raw.endswith("\n"):
        raw = raw[:-1]  # the line feed after the last paragraph
    lines = [WS.sub(" ", line).strip() for line in raw.split("\n")]
    empty = sum(1 for line in lines if not line)
    if not keep_empty:
        lines = [line for line in lines if line]
    return "\n".join(lines), empty


# ---------------------------------------------------------------- redlines


def _dt(d) -> str:
    return f"{d.Year:04d}-{d.Month:02d}-{d.Day:02d}T{d.Hours:02d}:{d.Minutes:02d}:{d.Seconds:02d}"


def _redline_detail(r) -> dict:
    d: dict = {}
    for key, name in (("type", "RedlineType"), ("author", "RedlineAuthor")):
        try:
            d[key] = r.getPropertyValue(name)
        except Exception:
            pass
    try:
        d["date"] = _dt(r.getPropertyValue("RedlineDateTime"))
    except Exception:
        pass
    try:
        start = r.getPropertyValue("RedlineStart")
        end = r.getPropertyValue("RedlineEnd")
        cur = start.getText().createTextCursorByRange(start)
        cur.gotoRange(end, True)
        d["text"] = cur.getString()
    except Exception as e:  # e.g. a table row change has no text range
        d["text"] = None
        d["textError"] = type(e).__name__
    return d


def count(doc) -> int:
    """How many redlines LibreOffice has (one call)."""
    return doc.getRedlines().getCount()


def redline_types(doc, details: bool) -> tuple[dict, list]:
    types: dict[str, int] = {}
    info: list = []
    rs = doc.getRedlines()
    for i in range(rs.getCount()):
        r = rs.getByIndex(i)
        t = str(r.getPropertyValue("RedlineType"))
        types[t] = types.get(t, 0) + 1
        if details:
            info.append(_redline_detail(r))
    return types, info


# ---------------------------------------------------------------- per file


def load(office: Office, path: str, handler: Interactions):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    props = (
        prop("Hidden", True),
        prop("FilterName", WORD_FILTER),
        prop("MacroExecutionMode", 0),  # NEVER_EXECUTE
        prop("UpdateDocMode", 0),  # NO_UPDATE: no links fetched
        prop("InteractionHandler", handler),
    )
    return office.desktop.loadComponentFromURL(url, "_blank", 0, props)


class Watchdog:
    """Kills soffice when one file takes longer than `seconds` (a load, accept or export that hangs):
    the call waiting on it then fails, and the next file gets a new soffice."""

    def __init__(self, office: Office, seconds: float) -> None:
        self.office = office
        self.seconds = seconds
        self.fired = False
        self.timer: threading.Timer | None = None

    def _fire(self) -> None:
        self.fired = True
        log(f"a file took more than {self.seconds:g} s: killing soffice")
        self.office.kill(hung=True)

    def __enter__(self) -> Watchdog:
        self.timer = threading.Timer(self.seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer.join()  # when it fired, until soffice is gone


def close(doc) -> None:
    if doc is None:
        return
    try:
        doc.close(True)
    except Exception:
        try:
            doc.dispose()
        except Exception:
            pass


def dispatch(office: Office, doc, command: str) -> None:
    frame = doc.getCurrentController().getFrame()
    office.dispatcher.executeDispatch(frame, command, "", 0, ())


def open_doc(office: Office, path: str, handler: Interactions):
    doc = load(office, path, handler)
    if doc is None:
        raise Refused("LibreOffice could not load it (no document: a damaged file, or not a Word document)")
    if not doc.supportsService("com.sun.star.text.TextDocument"):
        close(doc)
        raise Refused("not a text document")
    if doc.isReadonly():
        # Accept and reject would silently do nothing.
        close(doc)
        raise Refused("LibreOffice opened it read-only")
    return doc


class Refused(Exception):
    pass


def process(office: Office, path: str, args, timings: dict) -> dict:
    result: dict = {"file": path, "loaded": False}
    if not os.path.isfile(path):
        result["error"] = "no such file"
        return result
    if os.path.getsize(path) == 0:
        result["error"] = "empty file"  # LibreOffice opens one as a new, blank document
        return result
    if not office.alive():
        # Not yet started, or the previous file hung or crashed it.
        office.kill()
        timings["start"] = office.start()
    # LibreOffice loads a private copy: it writes a lock file next to what it opens, and opens a
    # file it may not write (or one another user's lock file names) read-only, where accept and
    # reject do nothing; and the file itself is certain to stay as it was.
    copy = os.path.join(office.scratch, "input.docx")
    shutil.copyfile(path, copy)
    os.chmod(copy, 0o600)
    watchdog = Watchdog(office, args.timeout)
    try:
        with watchdog:
            read(office, copy, args, result, timings)
    except Refused as e:
        result["loaded"] = False
        result["error"] = str(e)
    except Exception as e:
        if watchdog.fired:
            result["error"] = f"took more than {args.timeout:g} s: soffice was killed"
        elif not office.alive():
            result["error"] = f"soffice crashed: {type(e).__name__}: {getattr(e, 'Message', '') or e}"
            office.kill()
        else:
            result["error"] = f"{type(e).__name__}: {getattr(e, 'Message', '') or e}".strip()
    finally:
        try:
            os.unlink(copy)
        except OSError:
            pass
    return result


def read(office: Office, copy: str, args, result: dict, timings: dict) -> None:
    """Fills `result` for the file at `copy`: counts, then the texts as loaded, accepted, rejected."""
    handler = Interactions()
    doc = None
    try:
        t0 = time.monotonic()
        try:
            doc = open_doc(office, copy, handler)
        finally:
            result["warnings"] = handler.requests
        timings["load"] = time.monotonic() - t0
        result["loaded"] = True
        if not args.only_text:
            # What LibreOffice reports right after loading, before anything is touched.
            result["redlines"] = count(doc)
            types, info = redline_types(doc, args.details)
            result["redlineTypes"] = types
            if args.details:
                result["details"] = info
        drop_contents(doc)
        result["original"], empty_original = body_text(office, doc, args.keep_empty)
        if args.only_text:
            return
        n = count(doc)  # without the changes inside a table of contents, which went with it
        t0 = time.monotonic()
        dispatch(office, doc, ".uno:AcceptAllTrackedChanges")
        result["accepted"], empty_accepted = body_text(office, doc, args.keep_empty)
        left_accepted = count(doc)
        timings["accept"] = time.monotonic() - t0
        # Back to the document as loaded: undo the accept (cheap) and check that the redlines and
        # the text are back; if not, load the file again (always right, costs a load).
        t0 = time.monotonic()
        restored = False
        if not args.reload:
            um = doc.getUndoManager()
            while count(doc) < n and um.isUndoPossible():
                um.undo()
            restored = count(doc) == n and body_text(office, doc, args.keep_empty) == (result["original"], empty_original)
        if not restored:
            close(doc)
            doc = None
            doc = open_doc(office, copy, Interactions())
            drop_contents(doc)
        timings["restore"] = time.monotonic() - t0
        timings["restoredBy"] = "undo" if restored else "reload"
        t0 = time.monotonic()
        dispatch(office, doc, ".uno:RejectAllTrackedChanges")
        result["rejected"], empty_rejected = body_text(office, doc, args.keep_empty)
        result["left"] = {"accepted": left_accepted, "rejected": count(doc)}
        result["empty"] = {"original": empty_original, "accepted": empty_accepted, "rejected": empty_rejected}
        timings["reject"] = time.monotonic() - t0
    finally:
        close(doc)


def main() -> int:
    ap = argparse.ArgumentParser(description="What LibreOffice makes of the tracked changes in DOCX files.")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--only-text", action="store_true", help="only the text as loaded (no accept/reject)")
    ap.add_argument("--keep-empty", action="store_true", help="keep empty paragraphs as empty lines (to see one left behind)")
    ap.add_argument("--details", action="store_true", help="each redline: type, author, date, text")
    ap.add_argument("--reload", action="store_true", help="reject on the file loaded again rather than on the accept undone")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds one file may take (load, accept, reject) before soffice is killed")
    ap.add_argument("--profile", help="a LibreOffice profile folder to use and keep (default: a new one, removed at the end)")
    ap.add_argument("--timings", action="store_true", help="add timings (seconds) to each result and a start time on stderr")
    args = ap.parse_args()

    office = Office(os.path.abspath(args.profile) if args.profile else None)

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_signal)
    results = []
    try:
        try:
            started = office.start()
        except Exception as e:
            log(f"cannot start soffice: {e}")
            return 3
        if args.timings:
            log(f"soffice start {started:.2f} s")
        for path in args.files:
            timings: dict = {}
            t_file = time.monotonic()
            try:
                r = process(office, path, args, timings)
            except Exception as e:
                # Starting a new soffice failed, or a bug here: report it and go on with a new one.
                office.kill()
                r = {"file": path, "loaded": False, "error": f"{type(e).__name__}: {e}"}
            timings["total"] = time.monotonic() - t_file
            if args.timings:
                r["timings"] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in timings.items()}
            results.append(r)
    finally:
        t0 = time.monotonic()
        office.close()
        if args.timings:
            log(f"soffice stop {time.monotonic() - t0:.2f} s")
    json.dump(results, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Screenshots of kfp-runs: runs the real binary on --demo inside tmux, drives it with keys,
captures each screen with its colours (`tmux capture-pane -e -p`) and draws every captured
cell into a PNG with DejaVu Sans Mono. Nothing is drawn that tmux did not capture.

    python3 scripts/screenshots.py [--binary PATH] [--out Screenshots]

Needs tmux, Pillow (Debian: python3-pil), DejaVu Sans Mono (Debian: fonts-dejavu-core) and,
for wide characters, IPAGothic (Debian: fonts-ipafont-gothic); scripts/screenshots.sh installs
them and builds the binary.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata

WIDTH, HEIGHT = 140, 36
FONT_SIZE = 15
PADDING = 12
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
# Two-cell (East Asian wide) characters come from a CJK font (Debian: fonts-ipafont-gothic).
WIDE_FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"

# A dark terminal theme: background, foreground and the 16 ANSI colours.
BACKGROUND = (30, 32, 36)
FOREGROUND = (216, 218, 222)
ANSI = [
    (40, 42, 46), (224, 96, 96), (120, 200, 120), (222, 190, 100),
    (90, 150, 230), (190, 120, 210), (90, 190, 200), (200, 202, 206),
    (100, 102, 108), (255, 120, 120), (150, 230, 150), (250, 220, 130),
    (130, 180, 255), (220, 150, 240), (130, 220, 230), (250, 250, 250),
]


def xterm_color(n):
    """The RGB value of xterm 256-colour number n."""
    if n < 16:
        return ANSI[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.underline = self.reverse = self.italic = False

    def copy(self):
        other = Style()
        other.__dict__.update(self.__dict__)
        return other

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code == 0:
                self.reset()
            elif code == 1:
                self.bold = True
            elif code == 2:
                self.dim = True
            elif code == 3:
                self.italic = True
            elif code == 4:
                self.underline = True
            elif code == 7:
                self.reverse = True
            elif code == 22:
                self.bold = self.dim = False
            elif code == 23:
                self.italic = False
            elif code == 24:
                self.underline = False
            elif code == 27:
                self.reverse = False
            elif 30 <= code <= 37:
                self.fg = ANSI[code - 30]
            elif 90 <= code <= 97:
                self.fg = ANSI[code - 90 + 8]
            elif code == 39:
                self.fg = None
            elif 40 <= code <= 47:
                self.bg = ANSI[code - 40]
            elif 100 <= code <= 107:
                self.bg = ANSI[code - 100 + 8]
            elif code == 49:
                self.bg = None
            elif code in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    color = xterm_color(codes[i + 2])
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    color = tuple(codes[i + 2:i + 5])
                    i += 4
                else:
                    color = None
                if code == 38:
                    self.fg = color
                else:
                    self.bg = color
            i += 1


def cell_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


SGR = re.compile(r"\x1b\[([0-9;]*)m")
OTHER_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[()][0-9A-Za-z]|.)")


def parse(capture):
    """Turns `capture-pane -e -p` output into rows of (text, style, width) cells."""
    rows = []
    style = Style()
    for line in capture.split("\n")[:HEIGHT]:
        cells = []
        pos = 0
        while pos < len(line):
            match = SGR.match(line, pos)
            if match:
                style.apply(match.group(1))
                pos = match.end()
                continue
            other = OTHER_ESCAPE.match(line, pos)
            if other:
                pos = other.end()
                continue
            ch = line[pos]
            pos += 1
            width = cell_width(ch)
            if width == 0 and cells:
                text, cell_style, w = cells[-1]
                cells[-1] = (text + ch, cell_style, w)
                continue
            cells.append((ch, style.copy(), width))
            if width == 2:
                cells.append(("", style.copy(), 0))
        rows.append(cells)
    while len(rows) < HEIGHT:
        rows.append([])
    return rows


def blend(a, b, t):
    return tuple(int(a[k] * (1 - t) + b[k] * t) for k in range(3))


def render_png(capture, path):
    from PIL import Image, ImageDraw, ImageFont

    regular = ImageFont.truetype(os.path.join(FONT_DIR, "DejaVuSansMono.ttf"), FONT_SIZE)
    bold = ImageFont.truetype(os.path.join(FONT_DIR, "DejaVuSansMono-Bold.ttf"), FONT_SIZE)
    wide = ImageFont.truetype(WIDE_FONT, FONT_SIZE) if os.path.exists(WIDE_FONT) else regular
    cw = round(regular.getlength("M"))
    ascent, descent = regular.getmetrics()
    ch = ascent + descent + 2
    image = Image.new(
        "RGB", (WIDTH * cw + 2 * PADDING, HEIGHT * ch + 2 * PADDING), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y, cells in enumerate(parse(capture)):
        x = 0
        for text, style, width in cells:
            if width == 0 and text == "":
                continue
            fg = style.fg or FOREGROUND
            bg = style.bg or BACKGROUND
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = blend(fg, bg, 0.45)
            left = PADDING + x * cw
            top = PADDING + y * ch
            span = max(1, width) * cw
            if bg != BACKGROUND:
                draw.rectangle([left, top, left + span - 1, top + ch - 1], fill=bg)
            if len(text) == 1 and 0x2800 <= ord(text) <= 0x28FF:
                draw_braille(draw, ord(text) - 0x2800, left, top, cw, ch, fg)
            elif text.strip():
                font = wide if width == 2 else bold if style.bold else regular
                draw.text((left, top + 1), text, font=font, fill=fg)
            if style.underline:
                draw.line([left, top + ch - 2, left + span - 1, top + ch - 2], fill=fg)
            x += max(1, width)
    image.save(path)


# Braille dot number (bit) → (column, row) in the 2 × 4 grid of a cell.
BRAILLE_DOTS = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]


def draw_braille(draw, bits, left, top, cw, ch, fill):
    """A Braille pattern (the plot's dots) drawn as a terminal does: the monospaced fonts here
    have no Braille glyphs."""
    radius = max(1.5, cw / 4.5)
    for bit, (column, row) in enumerate(BRAILLE_DOTS):
        if bits & (1 << bit):
            x = left + cw * (0.3 + 0.4 * column)
            y = top + ch * (row + 0.5) / 4
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill)


class Session:
    """kfp-runs in a detached tmux session on a tmux server of its own."""

    def __init__(self, binary, args, cwd=None):
        self.socket = "kfp-runs-screenshots-%d" % os.getpid()
        env = ["LANG=C.UTF-8", "TZ=UTC", "TERM=screen-256color", "HOME=/nonexistent",
               "PATH=/usr/bin:/bin"]
        command = "exec env -i %s %s" % (" ".join(env), " ".join(
            shq(word) for word in [binary] + args))
        where = ["-c", cwd] if cwd else []
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "shot", *where,
                  "-x", str(WIDTH), "-y", str(HEIGHT), command,
                  ";", "set-option", "-t", "shot", "status", "off")
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.socket] + list(args), check=True,
                              capture_output=True, text=True).stdout

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "shot", *keys)
        time.sleep(0.4)

    def text(self):
        return self.tmux("capture-pane", "-p", "-t", "shot")

    def styled(self):
        return self.tmux("capture-pane", "-e", "-p", "-t", "shot")

    def wait_for(self, predicate, what, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.text()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        sys.exit("screenshots: timed out waiting for %s; the screen was:\n%s" % (what, self.text()))

    def close(self):
        path = self.socket_path
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        # tmux leaves its socket file behind.
        if self.socket in path and os.path.exists(path):
            os.remove(path)


def shq(word):
    return "'" + word.replace("'", "'\\''") + "'"


def default_binary():
    path = subprocess.run(["swift", "build", "--show-bin-path"], check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "kfp-runs")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="the kfp-runs binary (default: swift build's)")
    parser.add_argument("--out", default="Screenshots")
    parser.add_argument("--convert", nargs=2, metavar=("CAPTURE", "PNG"),
                        help="only turn a saved capture-pane -e -p file into a PNG")
    options = parser.parse_args()
    if options.convert:
        with open(options.convert[0], encoding="utf-8") as capture:
            render_png(capture.read(), options.convert[1])
        return
    binary = options.binary or default_binary()
    os.makedirs(options.out, exist_ok=True)
    session = Session(binary, ["--demo"])
    try:
        for name, capture in drive(session):
            path = os.path.join(options.out, name + ".png")
            render_png(capture, path)
            print(path)
    finally:
        session.close()
    # The demo cannot change: the watch is shown on a runs folder the script changes.
    binary = os.path.abspath(binary)
    with tempfile.TemporaryDirectory() as folder:
        root = os.path.join(folder, "runs")
        write_watched_runs(root)
        session = Session(binary, ["runs/", "--watch"], cwd=folder)
        try:
            for name, capture in drive_watch(session, root):
                path = os.path.join(options.out, name + ".png")
                render_png(capture, path)
                print(path)
        finally:
            session.close()


FIXED_COLUMNS = ["Run name", "Status", "Duration", "Experiment", "Pipeline", "Start time"]


def header(screen):
    return next(line for line in screen.split("\n") if "Run name" in line)


def first_metric_digit(screen):
    """The digit key that sorts by the first metric column: the columns shown before it,
    counting from Run name = 1, plus one."""
    line = header(screen)
    return str(sum(1 for title in FIXED_COLUMNS if title in line) + 1)


def drive(session):
    """Walks through the application; yields (name, capture) for each screenshot."""
    screen = session.wait_for(
        lambda s: "Run name" in s and "loading" not in s.lower(), "the runs table")
    time.sleep(0.3)
    yield "runs-table", session.styled()

    # Sort by the first metric column (best first) and select the three best runs.
    session.keys(first_metric_digit(screen), "g", "Space", "j", "Space", "j", "Space")
    yield "sorted-by-metric", session.styled()

    # The plot of the runs shown: the sort metric over start time, the selected runs in bold.
    session.keys("p")
    session.wait_for(lambda s: " vs " in s, "the plot")
    yield "plot", session.styled()
    session.keys("p")

    # Compare them.
    session.keys("c")
    session.wait_for(lambda s: "Metrics" in s or "metric" in s.lower(), "the compare view")
    yield "compare", session.styled()

    # Details of the top run: metadata, parameters, metrics per node.
    session.keys("Escape", "g", "Enter")
    yield "details", session.styled()

    session.keys("Escape", "?")
    yield "help", session.styled()

    # A query (f) over metrics, parameters and attributes, applied: the status bar shows it.
    session.keys("Escape", "f", "C-u")
    session.keys("-l", "status = Succeeded and roc-auc >= 90% and max_depth >= 6")
    session.keys("Enter")
    session.wait_for(lambda s: "where: " in s, "the query applied")
    yield "query", session.styled()

    # The problems list: the demo's hand-written metrics file and its failed runs.
    session.keys("Escape", "!")
    session.wait_for(lambda s: "percentage" in s, "the problems list")
    yield "problems", session.styled()
    session.keys("Escape", "q")


WATCHED = [
    # folder, status, started (hours before the first), accuracy, loss, learning rate
    ("bert-base-lr-3e-5", "Succeeded", 9, 0.884, 0.412, "3e-5"),
    ("bert-base-lr-5e-5", "Succeeded", 8, 0.897, 0.371, "5e-5"),
    ("bert-base-lr-1e-4", "Running", 2, 0.861, 0.455, "1e-4"),
    ("bert-large-lr-2e-5", "Running", 1, 0.902, 0.348, "2e-5"),
]


def write_run(root, folder, status, hours, accuracy, loss, rate):
    """One run folder: run.json as the KFP API returns it and the training step's metrics."""
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1775980800 - hours * 3600))
    finished = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1775980800 - hours * 3600 + 2700))
    run = {"run": {
        "id": "6b1e0c5a-0000-4000-8000-%012d" % int(hours), "name": folder, "status": status,
        "created_at": started,
        "finished_at": finished if status != "Running" else "1970-01-01T00:00:00Z",
        "pipeline_spec": {"pipeline_name": "bert-finetune",
                          "parameters": [{"name": "learning_rate", "value": rate}]},
        "resource_references": [{"key": {"type": "EXPERIMENT", "id": "exp-sst2"},
                                 "name": "sst2-sentiment", "relationship": "OWNER"}]}}
    os.makedirs(os.path.join(root, folder, "train"), exist_ok=True)
    with open(os.path.join(root, folder, "run.json"), "w") as file:
        json.dump(run, file)
    metrics = {"metrics": [
        {"name": "accuracy", "numberValue": accuracy, "format": "PERCENTAGE"},
        {"name": "loss", "numberValue": loss, "format": "RAW"}]}
    with open(os.path.join(root, folder, "train", "mlpipeline-metrics.json"), "w") as file:
        json.dump(metrics, file)


def write_watched_runs(root):
    for run in WATCHED:
        write_run(root, *run)


def drive_watch(session, root):
    """The table while it is watched: two runs report, one finishes, a new one starts."""
    session.wait_for(lambda s: "watching" in s and "bert-base-lr-3e-5" in s, "the watched table")
    write_run(root, "bert-base-lr-1e-4", "Succeeded", 2, 0.874, 0.433, "1e-4")
    write_run(root, "bert-large-lr-2e-5", "Running", 1, 0.915, 0.322, "2e-5")
    write_run(root, "bert-large-lr-1e-5", "Running", 0.5, 0.871, 0.398, "1e-5")
    session.wait_for(lambda s: "bert-large-lr-1e-5" in s and "changed" in s, "the changes")
    time.sleep(1)
    yield "watch", session.styled()
    session.keys("q")


if __name__ == "__main__":
    main()

"""Writes real and hostile mlpipeline-metrics.tgz files for the tests, one folder per case.

Usage: python3 metrics_archives.py OUTPUT_ROOT [--without-bomb]
Each case is OUTPUT_ROOT/<case>/mlpipeline-metrics.tgz. "good" is what Argo stores for a KFP v1
step; "gnu-tar" is made by `tar czf`; the rest are hostile.
"""
import gzip
import io
import os
import subprocess
import sys
import tarfile
import zlib

METRICS = b'{"metrics": [{"name": "accuracy-score", "numberValue": 0.91, "format": "PERCENTAGE"}]}'


def tar_bytes(members):
    """A tar archive of (TarInfo, bytes or None) pairs."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for info, data in members:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def file_member(name, data=METRICS):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def write(root, case, data):
    folder = os.path.join(root, case)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "mlpipeline-metrics.tgz"), "wb") as out:
        out.write(data)


def bomb():
    """A valid gzip stream of a tar whose one member claims and holds 1 GiB of zeros."""
    size = 1 << 30
    header = tarfile.TarInfo("mlpipeline-metrics.json")
    header.size = size
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [compressor.compress(header.tobuf())]
    chunk = bytes(1 << 20)
    for _ in range(size >> 20):
        out.append(compressor.compress(chunk))
    out.append(compressor.flush())
    return b"".join(out)


def main(root, with_bomb):
    good = gzip.compress(tar_bytes([file_member("mlpipeline-metrics.json")]))
    write(root, "good", good)
    folder = os.path.join(root, "gnu-tar")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "mlpipeline-metrics.json"), "wb") as out:
        out.write(METRICS)
    subprocess.run(["tar", "czf", "mlpipeline-metrics.tgz", "mlpipeline-metrics.json"],
                   cwd=folder, check=True)
    os.remove(os.path.join(folder, "mlpipeline-metrics.json"))
    write(root, "two-members", gzip.compress(tar_bytes(
        [file_member("mlpipeline-metrics.json"), file_member("extra.json")])))
    link = tarfile.TarInfo("mlpipeline-metrics.json")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    write(root, "symlink", gzip.compress(tar_bytes([(link, None)])))
    write(root, "traversal", gzip.compress(tar_bytes(
        [file_member("../../mlpipeline-metrics.json")])))
    write(root, "truncated", good[: len(good) // 2])
    write(root, "empty", b"")
    write(root, "not-gzip", METRICS)
    write(root, "empty-tar", gzip.compress(tar_bytes([])))
    write(root, "long-name", gzip.compress(tar_bytes(
        [file_member("step-" + "x" * 120 + "/mlpipeline-metrics.json")])))
    if with_bomb:
        write(root, "bomb", bomb())


if __name__ == "__main__":
    main(sys.argv[1], "--without-bomb" not in sys.argv[2:])

"""Draws the toolbar icons (a white check mark on a blue rounded square) as PNGs.

Run once when the design changes; the PNGs are committed. Standard library only."""
import struct
import sys
import zlib
from pathlib import Path


def png(size: int) -> bytes:
    rows = []
    radius = size * 0.22
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # Rounded square mask.
            dx = max(radius - x, 0, x - (size - 1 - radius))
            dy = max(radius - y, 0, y - (size - 1 - radius))
            inside = dx * dx + dy * dy <= radius * radius
            u, v = x / size, y / size
            # Check mark: two thick strokes.
            def near(ax, ay, bx, by, w=0.085):
                px, py = u - ax, v - ay
                lx, ly = bx - ax, by - ay
                t = max(0.0, min(1.0, (px * lx + py * ly) / (lx * lx + ly * ly)))
                ex, ey = px - t * lx, py - t * ly
                return ex * ex + ey * ey <= w * w
            check = near(0.24, 0.52, 0.42, 0.70) or near(0.42, 0.70, 0.78, 0.30)
            if not inside:
                row += bytes([0, 0, 0, 0])
            elif check:
                row += bytes([255, 255, 255, 255])
            else:
                row += bytes([22, 98, 221, 255])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "extension/icons")
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (out / f"icon{size}.png").write_bytes(png(size))

"""Python/PIL peer for bench/loading.mjs: loads an image-folder dataset the way a typical user script does.

Walks the folder (one subfolder per class, sorted), opens every PNG with PIL, converts it to a uint8 numpy array
and stacks them into one N x H x W array: a single process, no multiprocessing. Prints one JSON line with the
time that took (wall and CPU, the interpreter's start-up and imports left out) and the versions used.
"""
import json
import os
import platform
import sys
import time

import numpy as np
import PIL
from PIL import Image


def load(root):
    images, labels = [], []
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    for label, name in enumerate(classes):
        folder = os.path.join(root, name)
        for file in sorted(os.listdir(folder)):
            if not file.lower().endswith(".png"):
                continue
            with Image.open(os.path.join(folder, file)) as im:
                images.append(np.asarray(im.convert("L"), dtype=np.uint8))
            labels.append(label)
    return np.stack(images), np.asarray(labels, dtype=np.int32), classes


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: pil_load.py <dataset folder>")
    wall0, cpu0 = time.perf_counter(), time.process_time()
    x, y, classes = load(sys.argv[1])
    seconds, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(json.dumps({
        "loaded": int(x.shape[0]),
        "shape": list(x.shape),
        "labels": len(classes),
        "seconds": seconds,
        "cpuSeconds": cpu,
        "python": platform.python_version(),
        "pil": PIL.__version__,
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()

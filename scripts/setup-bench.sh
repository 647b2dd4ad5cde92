#!/usr/bin/env bash
# What `npm run bench` needs beyond the test set-up: Debian's Fashion-MNIST (the data), PyTorch (the peer) and
# the pthread OpenBLAS (without it Debian's torch falls back to the reference BLAS and runs ~25× slower).
set -euo pipefail
need=()
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || need+=(libopenblas0-pthread)
if ((${#need[@]})); then
  echo "installing Debian packages for the benchmark: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${need[@]}"
fi

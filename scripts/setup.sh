#!/usr/bin/env bash
# One-time set-up on Debian with Node 20: the Debian packages the tests and the editor need (Chromium for the
# webview and integration tests; ripgrep and headers for code-server, the VS Code host the tests run in; g++ and
# OpenBLAS for the optional native kernels that make training ~3× faster; python3-numpy and python3-onnx for the tests that read
# our exports back in Python; Fashion-MNIST for the tests on real images), then npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v g++ >/dev/null 2>&1 || need+=(g++)
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config fonts-dejavu-core libopenblas0-pthread libjpeg-turbo-progs netpbm python3-numpy python3-onnx dataset-fashion-mnist; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  echo "installing Debian packages: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${need[@]}"
fi
npm ci --no-audit --no-fund

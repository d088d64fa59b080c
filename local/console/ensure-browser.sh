#!/usr/bin/env bash
# The console's browser test (ConsoleIT) drives Debian's chromium with its chromedriver. Run by the
# build before the integration tests of local/console: installs both with apt-get when they are
# missing (as root, or with sudo), else says what to install.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ConsoleIT needs Chromium and its ChromeDriver at /usr/bin/chromium and /usr/bin/chromedriver" \
    "(Debian: apt-get install chromium chromium-driver); install them, or skip the integration tests with -DskipITs" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "ConsoleIT needs chromium and chromium-driver: run 'apt-get install chromium chromium-driver' as root" >&2
    exit 1
  fi
  sudo="sudo"
fi
echo "installing chromium and chromium-driver for the console's browser test" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null

"""Real-browser tests (headless Debian Chromium via Playwright)."""

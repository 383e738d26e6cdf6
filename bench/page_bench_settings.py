"""The site's own settings with the page benchmark's URLconf: the site's pages plus a bare view,
behind the same middleware (`attache serve` runs with these during the throughput measurement)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.page_bench_urls"

"""What every browser journey shares: the two screen sizes, where screenshots go, the password."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
PASSWORD = "demo-attache"  # the demo's, and the journeys' people's unless they say

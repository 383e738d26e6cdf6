"""One spelling per e-mail address: the key accounts are stored, found and locked out by."""

import unicodedata

from django import forms


def normalize_email(address: str) -> str:
    """The address with Unicode compatibility forms folded (fullwidth letters, ligatures) and
    case folded, over the whole address: "Ｋｅｉｓｈａ@GOV.LC" and "keisha@gov.lc" are one key.

    NFKC before and after case folding, since folding can produce characters that have a
    compatibility form (Unicode's NFKC_Casefold, approximated)."""
    folded = unicodedata.normalize("NFKC", address.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


class NormalizedEmailField(forms.EmailField):
    """An e-mail field that normalises before it validates, so a look-alike spelling of an
    address is checked, looked up and counted as the address it stands for."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_email(value) if value else value

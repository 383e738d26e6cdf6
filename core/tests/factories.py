"""Factories for core's own models."""

import factory
from django.core.files.base import ContentFile

from core.models import Document, DocumentKind


class DocumentFactory(factory.django.DjangoModelFactory):
    """A PDF attached to `record` (required: pass the record it belongs to)."""

    class Meta:
        model = Document

    title = "Letter from the Permanent Secretary.pdf"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 letter", name="letter.pdf"))
    kind = DocumentKind.ATTACHMENT
    size = 15
    mime_type = "application/pdf"

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from community import models
from core.api import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from core.translations import StoredLanguageSerializerMixin, TranslationsField


class MemberStateSerializer(ScopedModelSerializer):
    official_languages = serializers.SlugRelatedField(
        slug_field="code", queryset=models.Language.objects.all(), many=True, required=False
    )

    class Meta:
        model = models.MemberState
        fields = [
            "id",
            "name",
            "iso_code",
            "membership",
            "single_market",
            "official_languages",
            "sub_region",
            "capital",
            "latitude",
            "longitude",
            "population",
            "legal_tradition",
            "time_zone",
            "created_at",
            "updated_at",
        ]
        # The database refuses impossible coordinates; say so as a 400 rather than a 500.
        extra_kwargs = {
            "latitude": {"min_value": -90, "max_value": 90},
            "longitude": {"min_value": -180, "max_value": 180},
        }


class InstitutionSerializer(ScopedModelSerializer):
    staff_languages = serializers.SlugRelatedField(
        slug_field="code",
        queryset=models.Language.objects.all(),
        many=True,
        required=False,
        help_text=_("Codes of the languages its staff work in besides the state's official ones."),
    )

    class Meta:
        model = models.Institution
        fields = [
            "id",
            "name",
            "acronym",
            "kind",
            "state",
            "seat",
            "parent",
            "description",
            "website",
            "email",
            "visibility",
            "group_capacity",
            "status",
            "closed_on",
            "created_at",
            "updated_at",
            "staff_languages",
        ]


class PostHeldSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.PostHeld
        fields = ["post", "institution", "start_date", "end_date"]


class PersonSerializer(ScopedModelSerializer):
    languages = serializers.SlugRelatedField(
        slug_field="code", queryset=models.Language.objects.all(), many=True, required=False
    )
    expertise_areas = serializers.SlugRelatedField(
        slug_field="code", queryset=models.CapabilityArea.objects.all(), many=True, required=False
    )
    posts = PostHeldSerializer(many=True, read_only=True)

    class Meta:
        model = models.Person
        fields = [
            "id",
            *models.PERSON_INPUT_FIELDS,
            "posts",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        # A change of post is a reassignment (POST .../reassign/), which keeps the history of posts.
        if self.instance is not None:
            for name in ("post", "institution"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: _("Use the reassign action to change a person's post.")})
        return super().validate(attrs)


class ReassignSerializer(serializers.Serializer):
    post = serializers.CharField(max_length=200)
    institution = ScopedPrimaryKeyRelatedField(queryset=models.Institution.objects.all(), allow_null=True, default=None)
    start_date = serializers.DateField()


class CommitteeMeetingSerializer(ScopedModelSerializer):
    class Meta:
        model = models.CommitteeMeeting
        fields = ["id", "committee", "date", "place", "agenda", "visibility", "created_at", "updated_at"]


class NetworkMembershipSerializer(ScopedModelSerializer):
    class Meta:
        model = models.NetworkMembership
        fields = ["id", "person", "role", "joined"]


class NetworkSerializer(ScopedModelSerializer):
    areas = serializers.SlugRelatedField(
        slug_field="code", queryset=models.CapabilityArea.objects.all(), many=True, required=False
    )

    class Meta:
        model = models.Network
        fields = ["id", "name", "description", "areas", "established", "created_at", "updated_at"]


class CapabilityAreaSerializer(StoredLanguageSerializerMixin, ScopedModelSerializer):
    """An area's name, description and level texts are read in the request's language
    (Accept-Language), English when not translated, and written in English; `translations` reads
    and writes the French, Spanish and Dutch texts."""

    parent = serializers.SlugRelatedField(
        slug_field="code", queryset=models.CapabilityArea.objects.all(), required=False, allow_null=True
    )
    translations = TranslationsField(models.AREA_TRANSLATED_FIELDS)

    class Meta:
        model = models.CapabilityArea
        fields = [
            "id",
            "code",
            "name",
            "parent",
            "path",
            "description",
            "level_0",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "created_at",
            "updated_at",
            "translations",
        ]
        read_only_fields = ["path"]


class RegionalMeetingSerializer(ScopedModelSerializer):
    class Meta:
        model = models.RegionalMeeting
        fields = [
            "id",
            "body",
            "title",
            "start_date",
            "end_date",
            "host_state",
            "venue",
            "attending_states",
            "agenda",
            "areas",
            "created_at",
            "updated_at",
        ]


class NonWorkingDaySerializer(ScopedModelSerializer):
    class Meta:
        model = models.NonWorkingDay
        fields = ["id", "state", "date", "name", "created_at", "updated_at"]

"""`attache create_token EMAIL`: print the API token of a user (made on first use, and made
anew once it has expired)."""

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from accounts.api_auth import token_has_expired
from accounts.emails import normalize_email
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Print the REST API token of the user with this e-mail, creating it if needed "
        "(a token lasts ATTACHE_API_TOKEN_DAYS days, then a new one is made)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user's e-mail address.")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email=normalize_email(email)).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        if not user.is_active:
            raise CommandError(f"The user {user.email} is not active; activate the account first.")
        token, _created = Token.objects.get_or_create(user=user)
        if token_has_expired(token):
            token.delete()
            token = Token.objects.create(user=user)
        self.stdout.write(token.key)

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from nolan.core.links import absolute_url


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by Member Services or by single sign-on, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_reset_password_from_key_url(self, key: str) -> str:
        """The link in the password reset e-mail, on the site's address like every link Nolan e-mails,
        not on whatever address the request came in on. allauth's key is the account's number in base
        36 (no hyphens), a hyphen, then the token."""
        uidb36, _, token = key.partition("-")
        return absolute_url("account_reset_password_from_key", uidb36=uidb36, key=token)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on signs in people the directory already knows; it does not create strangers."""

    def is_open_for_signup(self, request, sociallogin):
        return False

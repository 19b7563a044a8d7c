"""People who sign in: one `name` field, sign-in by e-mail, a preferred language."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("The name this person uses, in any script."))
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Can sign in to the admin (Management Unit and hub staff).")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person's data was erased on request (operations/erasure.py): the account stays so that
    # what they did keeps its place in the network's records, without their name, address or rights.
    erased_at = models.DateTimeField(_("erased on request"), null=True, blank=True, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        if self.erased_at:
            return str(_("Erased person"))
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name shown beside what the person did: theirs, or "Erased person" once erased on request."""
        return str(_("Erased person")) if self.erased_at else self.name

    def get_short_name(self) -> str:
        return self.name

    # Wagtail's admin shows first and last names; people here have one name.
    @property
    def first_name(self) -> str:
        return self.name

    @property
    def last_name(self) -> str:
        return ""


class Role(models.TextChoices):
    MANAGEMENT_UNIT = "management-unit", _("Management Unit staff")
    HUB_STAFF = "hub-staff", _("Regional Hub staff")
    FOCAL_POINT = "focal-point", _("Focal point")
    PRACTITIONER = "practitioner", _("City practitioner")
    TRANSLATOR = "translator", _("Translator")
    EXPERT = "expert", _("Expert (Expert Pool)")


CITY_ROLES = (Role.FOCAL_POINT, Role.PRACTITIONER)


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(user__is_active=True)


class RoleAssignment(models.Model):
    """One role a person holds: hub staff of a hub, focal point of a city, etc."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    hub = models.ForeignKey(
        "cities.Hub", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("Regional Hub")
    )
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("member authority"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(role=Role.HUB_STAFF, hub__isnull=False, city__isnull=True)
                    | models.Q(role__in=CITY_ROLES, city__isnull=False, hub__isnull=True)
                    | models.Q(
                        role__in=[Role.MANAGEMENT_UNIT, Role.TRANSLATOR, Role.EXPERT],
                        city__isnull=True,
                        hub__isnull=True,
                    )
                ),
                name="role_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role"], condition=models.Q(hub__isnull=True, city__isnull=True), name="role_once"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "hub"], condition=models.Q(hub__isnull=False), name="role_once_per_hub"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "city"], condition=models.Q(city__isnull=False), name="role_once_per_city"
            ),
        ]

    def __str__(self) -> str:
        scope = self.hub or self.city
        return f"{self.get_role_display()} — {scope}" if scope else str(self.get_role_display())


class Invitation(models.Model):
    """A single-use, expiring link to set a password. Only a hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def usable(self) -> bool:
        """Unused, not expired, and for an active account (an invitation never reactivates one)."""
        return self.used_at is None and self.expires_at > timezone.now() and self.user.is_active

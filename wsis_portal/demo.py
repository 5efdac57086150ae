"""Demo accounts and organisations for `make run` (never loaded in production by anything else).

Every role of the portal has an account; all share DEMO_PASSWORD. The secretariat and the
administrator need a second factor: their TOTP devices use DEMO_TOTP_KEY, so any authenticator
app (or `manage.py demo_totp`) gives the current code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from stakeholders.models import Country, JoinRequest, Membership, Organisation, StakeholderType
from stocktaking.models import Entry
from wsis_portal import audit

DEMO_PASSWORD = "wsis-demo-2026"  # noqa: S105 - published in the README for the demo only
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex of RFC 6238's test secret


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: str
    organisation: str | None = None  # organisation code or demo organisation name
    membership: str | None = None
    language: str = "en"


ACCOUNTS = [
    DemoAccount("admin@wsis.example.org", "Ada Administrator", User.Role.ADMINISTRATOR),
    DemoAccount("secretariat@unctad.example.org", "Sami Reviewer", User.Role.SECRETARIAT),
    DemoAccount(
        "focal.point@itu.example.org", "Farah Facilitator", User.Role.MEMBER, "ITU", Membership.Role.FOCAL_POINT
    ),
    DemoAccount(
        "focal.point@unesco.example.org", "Louis Lefèvre", User.Role.MEMBER, "UNESCO", Membership.Role.FOCAL_POINT, "fr"
    ),
    DemoAccount(
        "focal.point@escwa.example.org", "Rania Haddad", User.Role.MEMBER, "ESCWA", Membership.Role.FOCAL_POINT, "ar"
    ),
    DemoAccount(
        "focal.point@eclac.example.org", "Carmen Rojas", User.Role.MEMBER, "ECLAC", Membership.Role.FOCAL_POINT, "es"
    ),
    DemoAccount(
        "admin@digital-senegal.example.org",
        "Awa Diop",
        User.Role.MEMBER,
        "Ministère de la Communication, des Télécommunications et du Numérique",
        Membership.Role.ADMIN,
        "fr",
    ),
    DemoAccount(
        "contributor@digital-senegal.example.org",
        "Moussa Ndiaye",
        User.Role.MEMBER,
        "Ministère de la Communication, des Télécommunications et du Numérique",
        Membership.Role.CONTRIBUTOR,
        "fr",
    ),
    DemoAccount(
        "contributor@apc.example.org",
        "Grace Wanjiru",
        User.Role.MEMBER,
        "Association for Progressive Communications",
        Membership.Role.CONTRIBUTOR,
    ),
    DemoAccount("visitor@example.org", "Ivan Petrov", User.Role.MEMBER, language="ru"),
]

ORGANISATIONS = [
    (
        "Ministère de la Communication, des Télécommunications et du Numérique",
        "government",
        "SEN",
        "https://www.numerique.gouv.sn",
        True,
    ),
    ("Association for Progressive Communications", "civil_society", "ZAF", "https://www.apc.org", True),
    (
        "Universidad de Chile, Departamento de Ciencias de la Computación",
        "academia",
        "CHL",
        "https://www.dcc.uchile.cl",
        True,
    ),
    ("Internet Society", "technical_community", "USA", "https://www.internetsociety.org", True),
    ("Digital Inclusion Kenya", "civil_society", "KEN", "", False),
]


def demo_present() -> bool:
    return User.objects.filter(email=ACCOUNTS[0].email).exists()


@transaction.atomic
def seed_accounts() -> list[str]:
    """Create the demo organisations, accounts, memberships and a few requests to join."""
    types = {kind.code: kind for kind in StakeholderType.objects.all()}
    countries = {country.iso3: country for country in Country.objects.all()}
    organisations = {org.code: org for org in Organisation.objects.exclude(code=None)}
    for name, type_code, iso3, website, verified in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name_en=name,
            defaults={
                "stakeholder_type": types[type_code],
                "country": countries[iso3],
                "website": website,
                "verified": verified,
            },
        )
        organisations[name] = organisation
    created = []
    for account in ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User(
                email=account.email,
                full_name=account.name,
                role=account.role,
                preferred_language=account.language,
                email_verified=True,
                is_active=True,
            )
            user.set_password(DEMO_PASSWORD)
            audit.record_as(user, None, "demo.seeded")
            user.save()
            created.append(account.email)
        if user.needs_two_factor:
            TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
        if account.organisation:
            Membership.objects.get_or_create(
                user=user, organisation=organisations[account.organisation], defaults={"role": account.membership}
            )
    visitor = User.objects.get(email="visitor@example.org")
    JoinRequest.objects.get_or_create(
        user=visitor,
        organisation=organisations["Internet Society"],
        state=JoinRequest.State.PENDING,
        defaults={
            "role": Membership.Role.CONTRIBUTOR,
            "message": "I coordinate the Moscow chapter's community network projects.",
        },
    )
    JoinRequest.objects.get_or_create(
        user=visitor,
        organisation=None,
        proposed_name="Siberian Digital Literacy Foundation",
        state=JoinRequest.State.PENDING,
        defaults={
            "role": Membership.Role.FOCAL_POINT,
            "proposed_type": types["civil_society"],
            "proposed_country": countries["RUS"],
            "proposed_website": "https://digital-literacy.example.org",
            "message": "We train teachers in rural schools (WSIS action line C4).",
        },
    )
    return created


def seed_workflow_entries() -> None:
    """A few entries of the demo accounts in each state of moderation, made through the services."""
    from stocktaking import content as entry_content
    from stocktaking import services as entry_services

    contributor = User.objects.get(email="contributor@digital-senegal.example.org")
    reviewer = User.objects.get(email="secretariat@unctad.example.org")
    reviewer.is_verified = lambda: True  # type: ignore[attr-defined]  # the demo acts as a signed-in reviewer
    ministry = Organisation.objects.get(name_en=ORGANISATIONS[0][0])
    words = (
        "Le programme Sénégal numérique 2025 relie les lycées des régions de Kolda, Sédhiou et Ziguinchor à "
        "l'internet haut débit grâce à la fibre du backbone national de l'ADIE et à des liaisons hertziennes pour "
        "les établissements les plus isolés. Chaque lycée reçoit une salle multimédia de trente postes, un "
        "serveur de contenus pédagogiques hors ligne et une alimentation solaire qui garantit le service pendant "
        "les coupures. Les enseignants suivent une formation de cinq jours aux usages pédagogiques du numérique, "
        "puis un accompagnement à distance pendant l'année scolaire. Les élèves de terminale préparent le "
        "baccalauréat avec des ressources en français, en wolof et en pulaar. Les collectivités locales "
        "participent à la maintenance et ouvrent les salles au public le samedi pour des formations à la "
        "citoyenneté numérique et aux démarches administratives en ligne. Le ministère publie chaque trimestre "
        "les indicateurs de connexion, de fréquentation et de réussite, ventilés par sexe, afin de mesurer les "
        "progrès vers les cibles du SMSI et des objectifs de développement durable."
    )

    def content(title: str, **changes: object) -> dict[str, object]:
        data = entry_content.empty("fr")
        data.update(
            title=title,
            short_description=words,
            activity_type="programme",
            coverage="national",
            status="ongoing",
            start_date="2023-09-01",
            countries=["SEN"],
            website="https://www.numerique.gouv.sn",
            action_lines=[
                {"code": "C2", "rationale": "Backbone et dernier kilomètre"},
                {"code": "C7.3", "rationale": "Usages pédagogiques"},
            ],
            sdg_targets=[{"code": "4.a", "rationale": "Écoles connectées"}, {"code": "9.c", "rationale": ""}],
            wsis_targets=[2],
        )
        data.update(changes)
        return data

    if Entry.objects.filter(owner=contributor).exists():
        return
    draft = entry_services.entry_create(
        by=contributor, organisation=ministry, data=content("Lycées connectés : phase 3")
    )
    submitted = entry_services.entry_create(
        by=contributor, organisation=ministry, data=content("Sénégal numérique : lycées connectés")
    )
    entry_services.entry_submit(entry=submitted, by=contributor)
    published = entry_services.entry_create(
        by=contributor, organisation=ministry, data=content("Centres multimédia communautaires de Casamance")
    )
    entry_services.entry_submit(entry=published, by=contributor)
    published = entry_services.entry_publish(entry=published, by=reviewer)
    entry_services.entry_save(
        entry=published,
        by=contributor,
        version=published.version,
        data=content("Centres multimédia communautaires de Casamance", impact="42 centres ouverts"),
    )
    entry_services.entry_submit(entry=published, by=contributor)
    returned = entry_services.entry_create(by=contributor, organisation=ministry, data=content("Télécentres ruraux"))
    entry_services.entry_submit(entry=returned, by=contributor)
    entry_services.entry_return(
        entry=returned, by=reviewer, reason="Précisez le nombre de télécentres et les partenaires."
    )
    assert draft.state == Entry.State.DRAFT

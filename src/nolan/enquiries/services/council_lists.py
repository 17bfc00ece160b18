"""The council's lists, which the Member Enquiries team (or a system administrator) edits: the
categories, the routing table and the links from services to Executive Member portfolios.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from nolan.accounts.models import AccessRole
from nolan.audit.services import record
from nolan.directory.capacities import capacities_of
from nolan.directory.models import Officer, Service, Ward
from nolan.enquiries.models import Category, PortfolioLink, RoutingRule
from nolan.enquiries.services.routing import officer_in_service
from nolan.enquiries.services.steps import Errors, capacity_of, checked_text


def _require_list_editor(actor) -> str:
    caps = capacities_of(actor) if actor is not None else None
    if caps is None or not (
        AccessRole.MEMBER_ENQUIRIES in caps.access_roles
        or AccessRole.ADMINISTRATOR in caps.access_roles
        or caps.is_superuser
    ):
        raise PermissionDenied(
            "Only the Member Enquiries team or a system administrator may change these lists."
        )
    return capacity_of(actor)


def category_name(*, name: str, category: Category | None = None) -> str:
    """The name ``category_save`` would save (``category``: the one being renamed, if any), or a
    ``ValidationError`` saying why it cannot. The administration pages ask before they save, so the
    message shows on the form."""
    errors = Errors()
    name = checked_text(errors, "name", name, "the category's name", max_length=120, is_name=True)
    if name and Category.objects.filter(name__iexact=name).exclude(pk=getattr(category, "pk", None)).exists():
        errors.add("name", f"There is already a category called {name}.")
    errors.raise_any()
    return name


@transaction.atomic
def category_save(
    *, actor, name: str, active: bool = True, position: int = 0, category: Category | None = None
) -> Category:
    capacity = _require_list_editor(actor)
    name = category_name(name=name, category=category)
    before = (
        {"name": category.name, "active": category.active, "position": category.position}
        if category
        else None
    )
    category = category or Category()
    category.name, category.active, category.position = name, bool(active), int(position)
    category.save()
    record(
        actor=actor,
        action="enquiries.category_saved",
        target=category,
        capacity=capacity,
        before=before,
        after={"name": name, "active": category.active, "position": category.position},
    )
    return category


@transaction.atomic
def routing_rule_save(
    *,
    actor,
    category: Category,
    service: Service,
    ward: Ward | None = None,
    default_handler: Officer | None = None,
) -> RoutingRule:
    """Set the service (and optionally the handling officer) for a category, in one ward or all."""
    capacity = _require_list_editor(actor)
    if default_handler is not None and not officer_in_service(default_handler, service):
        raise ValidationError(
            {"default_handler": f"{default_handler.full_name} does not work in {service.name}."}
        )
    rule = RoutingRule.objects.filter(category=category, ward=ward).first()
    before = {"service": rule.service_id, "default_handler": rule.default_handler_id} if rule else None
    rule = rule or RoutingRule(category=category, ward=ward)
    rule.service, rule.default_handler = service, default_handler
    rule.save()
    record(
        actor=actor,
        action="enquiries.routing_rule_saved",
        target=rule,
        capacity=capacity,
        before=before,
        after={
            "category": category.pk,
            "ward": ward.pk if ward else None,
            "service": service.pk,
            "default_handler": default_handler.pk if default_handler else None,
        },
    )
    return rule


@transaction.atomic
def routing_rule_delete(*, actor, rule: RoutingRule) -> None:
    capacity = _require_list_editor(actor)
    record(
        actor=actor,
        action="enquiries.routing_rule_deleted",
        target=rule,
        capacity=capacity,
        before={"category": rule.category_id, "ward": rule.ward_id, "service": rule.service_id},
    )
    rule.delete()


def portfolio_name(*, portfolio: str) -> str:
    """The portfolio ``portfolio_link_save`` would save, or a ``ValidationError`` saying why it cannot
    (asked by the administration pages before they save, as ``category_name`` is)."""
    errors = Errors()
    portfolio = checked_text(
        errors, "portfolio", portfolio, "the portfolio", required=False, max_length=200, is_name=True
    )
    errors.raise_any()
    return portfolio


@transaction.atomic
def portfolio_link_save(*, actor, service: Service, portfolio: str) -> PortfolioLink | None:
    """Link a service to the Executive Member portfolio that covers it (blank removes the link)."""
    capacity = _require_list_editor(actor)
    portfolio = portfolio_name(portfolio=portfolio)
    link = PortfolioLink.objects.filter(service=service).first()
    before = {"portfolio": link.portfolio} if link else None
    if not portfolio:
        if link:
            record(
                actor=actor,
                action="enquiries.portfolio_link_deleted",
                target=link,
                capacity=capacity,
                before=before,
            )
            link.delete()
        return None
    link = link or PortfolioLink(service=service)
    link.portfolio = portfolio
    link.save()
    record(
        actor=actor,
        action="enquiries.portfolio_link_saved",
        target=link,
        capacity=capacity,
        before=before,
        after={"service": service.pk, "portfolio": portfolio},
    )
    return link

"""The council-edited lists in the system administration pages.

Enquiries themselves, their residents, timelines, responses and files are deliberately NOT here: the
admin would show them outside the one visibility rule (``selectors``) and without recording views on
the audit trail. Changes made here go through the services, so they are audited. (The outbox is
listed read-only by ``nolan.mail.admin``.)
"""

from __future__ import annotations

from django.contrib import admin

from nolan.core.forms import CheckedByServiceForm
from nolan.enquiries import services
from nolan.enquiries.models import Category, PortfolioLink, RoutingRule


class CategoryForm(CheckedByServiceForm):
    def check(self, cleaned_data):
        services.category_name(
            name=cleaned_data.get("name", ""), category=self.instance if self.instance.pk else None
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = ("name", "active", "position")
    list_editable = ("active", "position")

    def save_model(self, request, obj, form, change):
        existing = Category.objects.get(pk=obj.pk) if change else None
        saved = services.category_save(
            actor=request.user, name=obj.name, active=obj.active, position=obj.position, category=existing
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False  # a category is retired (active off), never deleted: enquiries refer to it


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "ward", "service", "default_handler")
    list_filter = ("category", "service")

    def save_model(self, request, obj, form, change):
        if change:
            original = RoutingRule.objects.get(pk=obj.pk)
            if (original.category_id, original.ward_id) != (obj.category_id, obj.ward_id):
                services.routing_rule_delete(actor=request.user, rule=original)
        saved = services.routing_rule_save(
            actor=request.user,
            category=obj.category,
            ward=obj.ward,
            service=obj.service,
            default_handler=obj.default_handler,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.routing_rule_delete(actor=request.user, rule=obj)


class PortfolioLinkForm(CheckedByServiceForm):
    def check(self, cleaned_data):
        services.portfolio_name(portfolio=cleaned_data.get("portfolio", ""))


@admin.register(PortfolioLink)
class PortfolioLinkAdmin(admin.ModelAdmin):
    form = PortfolioLinkForm
    list_display = ("service", "portfolio")

    def save_model(self, request, obj, form, change):
        saved = services.portfolio_link_save(actor=request.user, service=obj.service, portfolio=obj.portfolio)
        if saved is not None:
            obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.portfolio_link_save(actor=request.user, service=obj.service, portfolio="")

"""GOV.UK Frontend for Django: the form renderer and widgets, the pager, the template tags and the
templates for form fields, error summaries and banners that every room's pages use.

It knows nothing of councils or cases, so it sits at the bottom of the house beside core: a page of
the directory, the calendar or a workflow may use it without importing ``nolan.web``, the site frame
that sits above every workflow."""

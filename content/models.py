"""Guide articles, one row per language version, and the revision kept at every save."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# What staff edit; every save that changes one of these keeps a revision.
EDITABLE_FIELDS = ("title", "slug", "summary", "body", "faq", "references", "author", "position", "published")
# What a clinical reviewer's sign-off changes.
REVIEW_FIELDS = ("clinical_reviewer", "last_reviewed")


class Article(models.Model):
    topic = models.SlugField(
        _("topic"), max_length=80, help_text=_("The same for the English and the Spanish version of one article.")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    slug = models.SlugField(_("address"), max_length=100, unique=True, help_text=_("The end of the page's address."))
    position = models.PositiveSmallIntegerField(_("position in the guide"), default=100)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=400)
    body = models.TextField(_("body (Markdown)"), help_text=_("Mark a claim with its reference number, like [1]."))
    faq = models.TextField(
        _("questions and answers (Markdown)"), blank=True, help_text=_("Start each question with '### '.")
    )
    references = models.TextField(
        _("references (Markdown)"), blank=True, help_text=_("A numbered list: 1. Publisher. Title. Year. Address.")
    )
    author = models.CharField(_("author"), max_length=200)
    clinical_reviewer = models.CharField(_("clinical reviewer"), max_length=200, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"))
    # Rendered from the Markdown and sanitised on every save (and sanitised again when shown).
    body_html = models.TextField(editable=False, default="")
    faq_html = models.TextField(editable=False, default="")
    references_html = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["topic", "language"], name="one_version_per_language")]
        permissions = [("review_article", "Can mark an article clinically reviewed")]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("content:article", args=[self.slug])


class ArticleRevision(models.Model):
    """What an article said after one save, who saved it, and which fields that save changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(auto_now_add=True)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # Kept apart from the account, so the history still names who saved after an account is removed.
    editor_name = models.CharField(max_length=150)
    changed_fields = models.JSONField(default=list)
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.article} at {self.created_at:%Y-%m-%d %H:%M} by {self.editor_name}"

from django import forms
from django.utils.translation import gettext_lazy as _

from content.models import Article
from content.self_check import QUESTIONS


class SelfCheckForm(forms.Form):
    """One radio group per question; a choice is the answer's index, so nothing readable is sent."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=[(str(index), answer.label) for index, answer in enumerate(question.answers)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose one answer to: %(question)s") % {"question": question.text},
                    "invalid_choice": _("Choose one of the answers given to: %(question)s")
                    % {"question": question.text},
                },
            )


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "slug", "summary", "body", "faq", "references", "author", "position", "published"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 30}),
            "faq": forms.Textarea(attrs={"rows": 12}),
            "references": forms.Textarea(attrs={"rows": 10}),
        }

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        # Browsers send a textarea's lines ending in CR LF; stored text uses LF, so an untouched field stays unchanged.
        for name in ("summary", "body", "faq", "references"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].replace("\r\n", "\n")
        return cleaned


class NewArticleForm(ArticleForm):
    class Meta(ArticleForm.Meta):
        fields = ["topic", "language", *ArticleForm.Meta.fields]


class ReviewForm(forms.Form):
    reviewer_name = forms.CharField(
        label=_("Your name as shown on the page, with your credentials"), max_length=200, strip=True
    )

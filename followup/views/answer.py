"""The questionnaire page behind a signed link: no account, one answer, in the respondent's language."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import never_cache

from core.forms import form_add_errors
from followup import services
from followup.forms import AnswerForm
from followup.links import BadLink, ExpiredLink
from followup.models import Evaluation


def _problem(request, *, expired: bool):
    status = 410 if expired else 400
    return render(request, "followup/link_problem.html", {"expired": expired}, status=status)


@never_cache
def answer(request, token: str):
    try:
        evaluation = services.evaluation_from_link(token)
    except ExpiredLink:
        return _problem(request, expired=True)
    except (BadLink, Evaluation.DoesNotExist):
        return _problem(request, expired=False)
    chosen = request.GET.get("lang")
    with translation.override(chosen if chosen in services.SITE_LANGUAGES else evaluation.language):
        return _answer(request, token, evaluation)


def _answer(request, token, evaluation):
    context = {"evaluation": evaluation, "activity": evaluation.activity}
    if evaluation.is_answered:
        return render(request, "followup/answered.html", context, status=409 if request.method == "POST" else 200)
    form = AnswerForm(request.POST if request.method == "POST" else None, version=evaluation.question_set)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_answer(
                token=token,
                scores=form.scores(),
                uses_results=form.cleaned_data["uses_results"],
                comment=form.cleaned_data["comment"],
            )
        except services.AlreadyAnswered:
            return render(request, "followup/answered.html", context, status=409)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return render(request, "followup/answered.html", {**context, "thanks": True})
    return render(request, "followup/answer.html", {**context, "form": form})


urlpatterns = [path("answer/<str:token>/", answer, name="answer")]

"""Risk rules: residual risk (R1–R3) in each risk's scope, materialisation (E1) and overrides (OVR).

A grave-violation risk is judged by its residual likelihood (the UN HRDDP's "real risk"):
mitigations can make a grave violation less likely, never less grave. Other risks are judged
by their residual level.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hrddp_cli.methodology import before_engaging
from hrddp_cli.model import Ref, Risk
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import ENGAGEMENT, Scored, Situation


def _in_scopes(situation: Situation) -> Iterator[tuple[Risk, str, Scored]]:
    """(open risk, one of its scopes, its scores) for every scope of every open risk."""
    for risk in situation.open_risks():
        for scope in situation.scopes_of(risk):
            yield risk, scope, situation.scores[risk.id]


def _level_of(situation: Situation, risk: Risk, scope: str, scored: Scored) -> str:
    """What R1–R3 read: R1, R2, R3 or nothing, for this risk in this scope."""
    residual = scored.in_scope(scope)
    if risk.grave_violation:
        go_no_go = before_engaging(situation.dossier.context.phase)
        if residual.likelihood >= 4 or (go_no_go and residual.likelihood >= 3):
            return "R1"
        if residual.likelihood == 1 and residual.level not in ("low",):
            return "R3"  # never better than the same residual on a risk not marked grave
        return {3: "R2", 2: "R3"}.get(residual.likelihood, "")
    return {"critical": "R2", "high": "R2", "medium": "R3"}.get(residual.level, "")


def _explained(situation: Situation, risk: Risk, scope: str, scored: Scored) -> Trigger:
    residual = scored.in_scope(scope)
    if risk.grave_violation:
        said = f"grave-violation risk, residual likelihood {residual.likelihood} ({residual})"
    else:
        said = f"residual {residual.level} ({residual})"
    notes = []
    if scope in scored.raised_in:
        notes.append("materialised")
    if scored.override:
        notes.append("override" if scored.override == "applied" else f"override {scored.override.replace('_', ' ')}")
    plain = f"{said}{'; ' + ', '.join(notes) if notes else ''}"
    if not scored.credited and not scored.ignored:
        return Trigger((risk.ref,), plain, scope)
    named = [f"after {', '.join(scored.credited)}"] if scored.credited else []
    verified = {m.id for m in situation.dossier.mitigations if m.verified}
    unverified = [m for m in scored.ignored if m not in verified]
    if unverified:
        named.append(f"{', '.join(unverified)} not credited (not verified)")
    if len(unverified) < len(scored.ignored):
        named.append(f"{', '.join(m for m in scored.ignored if m in verified)} not credited on impact")
    mentioned = tuple(Ref("mitigations.yaml", m) for m in (*scored.credited, *scored.ignored))
    return Trigger((risk.ref,), f"{plain}; {'; '.join(named)}", scope, mentions=mentioned, plain=plain)


def _residual_rule(situation: Situation, code: str) -> Iterator[Trigger]:
    levels = situation.memo.get("residual levels")
    if levels is None:  # R1, R2 and R3 read the same levels: computed once, by the first
        levels = situation.memo["residual levels"] = [
            (_level_of(situation, risk, scope, scored), risk, scope, scored)
            for risk, scope, scored in _in_scopes(situation)
        ]
    for level, risk, scope, scored in levels:
        if level == code:
            yield _explained(situation, risk, scope, scored)


@rule("E1", floor=None, fixed="it changes scores, not floors", citation="SEED §2 (risk assessments updated regularly)")
def risk_materialised(situation: Situation) -> Iterable[Trigger]:
    """A risk materialised: a credible or verified linked incident was reported after the risk was last reviewed.

    Its residual likelihood is raised to at least 4 (3 while the incident's case is relieved or
    cleared) until the risk is reviewed again; for a risk scoped to units, only in the scope of
    the perpetrators' units. E1 sets no floor itself; it changes the residual that R1–R3 read.
    """
    for risk in situation.dossier.risks:
        scored = situation.scores[risk.id]
        if scored.materialising:
            incidents = ", ".join(i.id for i in scored.materialising)
            where = "" if scored.raised_in == (ENGAGEMENT,) else f" in {', '.join(scored.raised_in)}"
            yield Trigger(
                (risk.ref, *(i.ref for i in scored.materialising)),
                f"risk {risk.id} materialised ({incidents}): residual likelihood {scored.residual.likelihood}{where}",
                None,
            )


@rule("R1", floor="suspend", citation="UN HRDDP (substantial grounds for a real risk); SEED §5")
def grave_risk_likely(situation: Situation) -> Iterable[Trigger]:
    """An open grave-violation risk with residual likelihood 4 or more (3 or more before engaging): suspend its scope.

    Substantial grounds for believing there is a real risk of grave violations, which mitigation
    has not removed, is the UN HRDDP's test for withholding support.
    """
    yield from _residual_rule(situation, "R1")


@rule("R2", floor="adapt", citation="SEED §5")
def risk_high(situation: Situation) -> Iterable[Trigger]:
    """An open grave-violation risk with residual likelihood 3, or another open risk residual high or critical: adapt.

    The support in that scope must change until the risk comes down.
    """
    yield from _residual_rule(situation, "R2")


@rule("R3", floor="proceed_with_mitigations", citation="SEED §1")
def risk_medium(situation: Situation) -> Iterable[Trigger]:
    """An open grave-violation risk with residual likelihood 2, or another open risk residual medium.

    Support may proceed in that scope, with the mitigations in place and watched.
    """
    yield from _residual_rule(situation, "R3")


@rule("OVR", floor=None, fixed="it only reports", citation="status.md (How a score is made)")
def assessor_override(situation: Situation) -> Iterable[Trigger]:
    """An assessor set a risk's residual by hand: applied, or set aside (and why).

    Every score that is a judgment rather than a computation is shown to the reviewer. An
    override cannot lower a grave-violation risk, and it is set aside while a mitigation of the
    risk has failed or a credible incident has been linked to it since the risk was reviewed.
    """
    for risk in situation.dossier.risks:
        if risk.override is None:
            continue
        scored = situation.scores[risk.id]
        asked = f"{risk.override.likelihood}×{risk.override.impact}"
        computed, stands = scored.computed, scored.unraised
        if scored.override == "applied":
            yield Trigger(
                (risk.ref,), f"risk {risk.id}: residual set by the assessor to {stands} (computed {computed})", None
            )
        elif scored.override == "limited":
            said = f"risk {risk.id}: the assessor's {asked} may not lower a grave-violation risk below {computed}"
            yield Trigger((risk.ref,), f"{said}; residual {stands}", None)
        else:
            said = (
                f"risk {risk.id}: the assessor's {asked} is set aside and may not lower {computed}; residual {stands}"
            )
            yield Trigger(
                (risk.ref,), f"{said} ({scored.set_aside_because})", None, plain=said, mentions=_named(situation, risk)
            )


def _named(situation: Situation, risk: Risk) -> tuple[Ref, ...]:
    """The records an override's being set aside names: failed mitigations and materialising incidents."""
    failed = [m.ref for m in situation.dossier.mitigations if risk.id in m.risks and m.failed]
    return (*failed, *(i.ref for i in situation.scores[risk.id].materialising))

"""OKR «Cuenta Clave KAM» built with the DSL: the same plan as ``es/cuenta-clave-kam.yaml``.

Run it to print the plan as YAML::

    python examples/dsl/cuenta_clave_kam.py
"""

from __future__ import annotations

import okrkit
from okrkit import achieve, kr, objective, plan


def build() -> okrkit.Plan:
    """The «Cuenta Clave KAM» plan for 2026."""
    # Kept from the article: a yes/no task, not a result (it belongs in initiatives).
    plan_de_cuenta = (
        achieve(
            "Redactar el plan de cuenta del Cliente XYZ, presentárselo y pactar con él las acciones"
        )
        .with_id("plan-de-cuenta")
        .as_activity()
    )
    propuestas = (
        kr(
            "Entregar 4 propuestas de valor, una por trimestre, centradas en lo que más "
            "necesita el cliente",
            direction="increase",
            target="4 proposal",
        )
        .with_id("propuestas")
        .as_activity()
    )
    contratos = (
        achieve(
            "Dejar firmada, antes de que acabe el primer trimestre, la ampliación de los "
            "contratos de servicios A y B"
        )
        .with_id("contratos-a-b")
        .due("2026-03-31")
    )
    concurso = achieve(
        "Ganar la licitación privada de las soluciones C y D que el cliente publicará en junio"
    ).with_id("concurso-c-d")
    # Kept from the article: the objective states a number (35 %).
    cliente_xyz = (
        objective("Facturar este año un 35% más al Cliente XYZ")
        .with_id("cliente-xyz")
        .owned_by("kam-cliente-xyz")  # invented: the article names no owner
        .measured_by(plan_de_cuenta, propuestas, contratos, concurso)
    )
    return (
        plan("Cuenta clave Cliente XYZ", period="2026", lang="es")
        .with_objectives(cliente_xyz)
        .linked(
            plan_de_cuenta.drives(
                propuestas,
                because="Las acciones pactadas en el plan de cuenta dicen qué necesidades "
                "atacar con cada propuesta",
            ),
            propuestas.drives(
                concurso,
                because="Cada propuesta enseña al cliente lo que podemos hacer antes de que "
                "publique la licitación",
            ),
        )
    )


if __name__ == "__main__":
    print(okrkit.dumps(build()), end="")

"""OKR «Up Selling» built with the DSL: the same plan as ``es/up-selling.yaml``.

Run it to print the plan as YAML::

    python examples/dsl/up_selling.py
"""

from __future__ import annotations

import okrkit
from okrkit import kr, objective, plan


def build() -> okrkit.Plan:
    """The «Up Selling» plan for the third quarter of 2026."""
    preparadas = (
        kr(
            "Preparar 10 propuestas de valor, una para cada uno de los 10 mayores clientes "
            "del segmento ABC",
            direction="increase",
            target="10 proposal",
        )
        .with_id("propuestas-preparadas")
        .as_activity()
    )
    reuniones = (
        kr(
            "Conseguir 15 reuniones con clientes ABC para presentarles las nuevas propuestas "
            "de valor y seguir las ya entregadas",
            direction="increase",
            target="15 meeting",
        )
        .with_id("reuniones")
        .as_activity()
    )
    firmas = kr(
        "Conseguir que los clientes del segmento ABC firmen 5 propuestas de valor nuevas",
        direction="increase",
        target="5 proposal",
    ).with_id("firmas")
    valor_pedidos = (
        kr(
            "Subir un 20% el valor de los pedidos de las 5 propuestas de valor más grandes "
            "firmadas el trimestre anterior",
            direction="increase",
            change="20 %",
        )
        .with_id("valor-pedidos")
        .starting_at("1500000 USD")  # invented: last quarter's value of those orders
    )
    # Kept from the article: the objective states a number (20 %).
    up_selling = (
        objective("Vender un 20% más en el tercer trimestre")
        .with_id("up-selling-q3")
        .owned_by("ejecutivo-cuentas-abc")  # invented: the article names no owner
        .measured_by(preparadas, reuniones, firmas, valor_pedidos)
    )
    return (
        plan("Up selling en el segmento ABC", period="2026-Q3", lang="es")
        .with_objectives(up_selling)
        .linked(
            preparadas.drives(
                reuniones,
                because="Sin una propuesta preparada no hay nada nuevo que presentar en la reunión",
            ),
            reuniones.drives(
                firmas,
                because="Cada reunión de presentación o de seguimiento es la ocasión de pedir "
                "la firma",
            ),
        )
    )


if __name__ == "__main__":
    print(okrkit.dumps(build()), end="")

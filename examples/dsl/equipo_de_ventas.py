"""OKR «Equipo de Ventas» built with the DSL: the same plan as ``es/equipo-de-ventas.yaml``.

Run it to print the plan as YAML::

    python examples/dsl/equipo_de_ventas.py
"""

from __future__ import annotations

import okrkit
from okrkit import kr, objective, plan


def build() -> okrkit.Plan:
    """The «Equipo de Ventas» plan for one quarter (2026-Q2, an invented choice)."""
    lanzamiento = (
        kr(
            "Vender $95 Millones en el mes en que lanzamos los 3 productos nuevos",
            direction="increase",
            target="95000000 USD",
        )
        .with_id("lanzamiento")
        .due("2026-04-30")  # invented: the launch is assumed to be in April
    )
    recurrentes = kr(
        "Firmar acuerdos recurrentes por $200 Millones en total con el 10% de los "
        "clientes actuales",
        direction="increase",
        target="200000000 USD",
    ).with_id("recurrentes")
    ciclo = kr(
        "Bajar el ciclo de venta de 35 a 26 días",
        direction="decrease",
        baseline="35 day",
        target="26 day",
    ).with_id("ciclo")
    venta_cruzada = (
        kr(
            "Preparar y presentar 50 propuestas de venta cruzada que ofrezcan los productos "
            "B y C a quienes ya tienen el producto A",
            direction="increase",
            target="50 proposal",
        )
        .with_id("venta-cruzada")
        .as_activity()
    )
    # Kept from the article: the objective is a figure, and the key results in dollars
    # ($95 M + $200 M) cover only $295 M of the $575 M.
    ingresos = (
        objective(
            "Facturar $575 Millones en el trimestre, un 15 % más que los $500 Millones "
            "del trimestre anterior"
        )
        .with_id("ingresos-trimestre")
        .owned_by("direccion-comercial")  # invented: the article names no owner
        .measured_by(lanzamiento, recurrentes, ciclo, venta_cruzada)
    )
    return (
        plan("Equipo de ventas, ingresos del trimestre", period="2026-Q2", lang="es")
        .with_objectives(ingresos)
        .linked(
            venta_cruzada.drives(
                recurrentes,
                because="Las propuestas de venta cruzada van a clientes actuales, que son "
                "quienes firman acuerdos recurrentes",
            ),
            ciclo.drives(
                recurrentes,
                because="Con un ciclo más corto se cierran dentro del trimestre tratos que "
                "si no pasarían al siguiente",
            ),
        )
    )


if __name__ == "__main__":
    print(okrkit.dumps(build()), end="")

"""OKR «Meta de Ventas» built with the DSL: the same plan as ``es/meta-de-ventas.yaml``.

Run it to print the plan as YAML::

    python examples/dsl/meta_de_ventas.py
"""

from __future__ import annotations

import okrkit
from okrkit import kr, objective, plan


def build() -> okrkit.Plan:
    """The «Meta de Ventas» plan for the first quarter of 2026."""
    pipeline = (
        kr(
            "Hacer crecer un 75% el valor del pipeline de ventas",
            direction="increase",
            change="75 %",
        )
        .with_id("pipeline")
        .starting_at("2000000 USD")  # invented: the article gives no starting pipeline
        .checked_in(  # invented: date, value, confidence and note
            "2026-01-30", "2450000 USD", confidence=0.6, note="dos cuentas nuevas en el embudo"
        )
    )
    cierre = kr(
        "Ganar todas las oportunidades que ya van por el 80% de avance o más",
        direction="increase",
        target="100 %",
    ).with_id("cierre-80")
    conversion = (
        kr(
            "Llevar al 35% la tasa de conversión de mi pipeline",
            direction="increase",
            target="35 %",
        )
        .with_id("conversion")
        .starting_at("27 %")  # invented: starting conversion rate
        .checked_in("2026-02-06", "30 %", confidence=0.5)  # invented
    )
    meta_90 = (
        kr(
            "Tener asegurado el 90% de la meta de ventas al terminar el segundo mes del trimestre",
            direction="increase",
            target="90 %",
        )
        .with_id("meta-90")
        .due("2026-02-28")  # "in the first 2 months of the quarter"
    )
    meta = (
        objective("Cerrar el primer trimestre con la meta de ventas cumplida")
        .with_id("meta-q1")
        .owned_by("gerencia-comercial")  # invented: the article names no owner
        .measured_by(pipeline, cierre, conversion, meta_90)
    )
    return (
        plan("Meta de ventas del primer trimestre", period="2026-Q1", lang="es")
        .with_objectives(meta)
        .linked(
            pipeline.drives(
                meta_90,
                because="Con más pipeline y la misma conversión entra antes la venta "
                "que asegura la meta",
            ),
            conversion.drives(
                meta_90,
                because="Convertir una parte mayor del pipeline adelanta el cumplimiento "
                "de la meta",
            ),
        )
    )


if __name__ == "__main__":
    print(okrkit.dumps(build()), end="")

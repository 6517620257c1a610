"""OKR «Preventa» built with the DSL: the same plan as ``es/preventa.yaml``.

Run it to print the plan as YAML::

    python examples/dsl/preventa.py
"""

from __future__ import annotations

import okrkit
from okrkit import kr, objective, plan


def build() -> okrkit.Plan:
    """The «Preventa» plan for 2026."""
    # Kept from the article: both bounds start with "Mantener" (holding a level).
    respuesta = kr(
        "Mantener por debajo de 5 minutos la primera respuesta a al menos el 90% de los "
        "clientes potenciales",
        direction="at_most",
        target="5 min",
        share="90 %",
    ).with_id("respuesta-5min")
    demo = kr(
        "Mantener la atención del 90% de los prospectos durante al menos el 90% de cada "
        "demostración del producto",
        direction="at_least",
        target="90 %",
        share="90 %",
    ).with_id("demo-90")
    conversion = (
        kr(
            "Llevar hasta el 92% la conversión de la etapa de preventa en el trimestre en curso",
            direction="increase",
            target="92 %",
        )
        .with_id("conversion-92")
        .starting_at("80 %")  # invented: starting conversion rate
        .due("2026-03-31")  # invented: "this quarter", taken as the first one
    )
    preventa = (
        objective("Hacer más eficaz nuestra preventa por canales digitales durante el año")
        .with_id("preventa-digital")
        .owned_by("equipo-preventa")  # invented: the article names no owner
        .measured_by(respuesta, demo, conversion)
    )
    return (
        plan("Preventa por canales digitales", period="2026", lang="es")
        .with_objectives(preventa)
        .linked(
            respuesta.drives(
                conversion,
                because="Responder en minutos llega al prospecto antes de que se enfríe o "
                "hable con otro proveedor",
            ),
            demo.drives(
                conversion,
                because="Un prospecto que sigue la demostración entera entiende el valor y "
                "avanza de etapa",
            ),
        )
    )


if __name__ == "__main__":
    print(okrkit.dumps(build()), end="")

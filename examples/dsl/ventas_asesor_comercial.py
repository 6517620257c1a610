"""OKR «Ventas de Asesor Comercial» built with the DSL: the same plan as
``es/ventas-asesor-comercial.yaml``.

Run it to print the plan as YAML::

    python examples/dsl/ventas_asesor_comercial.py
"""

from __future__ import annotations

import okrkit
from okrkit import kr, objective, plan


def build() -> okrkit.Plan:
    """The «Ventas de Asesor Comercial» plan for 2026."""
    ventas_nuevos = (
        kr(
            "Vender un 60% más de software CRM en la región a clientes nuevos",
            direction="increase",
            change="60 %",
        )
        .with_id("ventas-nuevos")
        .starting_at("400000 USD")  # invented: last year's sales to new customers
    )
    seguimiento = (
        kr(
            "Dar seguimiento a los 20 mayores clientes de CRM de la región para descubrir "
            "nuevos negocios de software",
            direction="increase",
            target="20 customer",
        )
        .with_id("seguimiento-top20")
        .as_activity()
    )
    # Kept from the article: "38 %" of a rate does not say whether it is points or relative.
    retencion = (
        kr(
            "Subir un 38% la retención de clientes en el último trimestre",
            direction="increase",
            change="38 %",
        )
        .with_id("retencion")
        .starting_at("55 %")  # invented: starting retention
    )
    leads = kr(
        "Conseguir 170 leads calificados cada trimestre",
        direction="increase",
        target="170 lead",
        per="quarter",
    ).with_id("leads")
    conversion = (
        kr(
            "Convertir en ventas el 25% del pipeline de CRM",
            direction="increase",
            target="25 %",
        )
        .with_id("conversion")
        .starting_at("18 %")  # invented: starting conversion rate
    )
    asesor = (
        objective("Terminar el año como el vendedor de referencia en software CRM de la región")
        .with_id("asesor-lider")
        .owned_by("asesor-comercial-crm")  # invented: the article names no owner
        .measured_by(ventas_nuevos, seguimiento, retencion, leads, conversion)
    )
    return (
        plan("Asesor comercial de software CRM", period="2026", lang="es")
        .with_objectives(asesor)
        .linked(
            leads.drives(
                ventas_nuevos,
                because="Los leads calificados son de donde salen los clientes nuevos",
            ),
            conversion.drives(
                ventas_nuevos,
                because="Con la misma cantidad de pipeline, convertir más es vender más",
            ),
            seguimiento.drives(
                retencion,
                because="El contacto frecuente con los clientes grandes anticipa las bajas",
            ),
        )
    )


if __name__ == "__main__":
    print(okrkit.dumps(build()), end="")

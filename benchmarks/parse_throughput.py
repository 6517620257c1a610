"""Statements read per second, on varied English and Spanish statements.

Run: python benchmarks/parse_throughput.py [--seconds 3]

Every statement is different (numbers vary), so nothing is served from a cache.
The figure is statements per second on one core, best of five rounds.
"""

from __future__ import annotations

import argparse
import itertools
import time

from okrkit.text import read_statement


TEMPLATES = [
    "Reducir el ciclo de venta de {a} días a {b} días",
    "Grow monthly recurring revenue from ${a}k to ${b}k",
    "Generar {a} leads calificados por trimestre",
    "Make {a} discovery calls per week",
    "Mantener el tiempo de respuesta de menos de {a} min para al menos el {p}% de los clientes",
    "Aumentar la retención de clientes en un {p}%",
    "Keep monthly churn at or below {p}%",
    "Sign {a} new enterprise customers with at least ${b}k ARR each",
    "Incrementar la participación de mercado en {p} puntos porcentuales",
    "Lanzar el portal de socios número {a}",
    "Improve customer satisfaction",
    "Cut onboarding time in half",
    "Programar al menos {a} reuniones de ventas cada mes",
    "Obtener ingresos de ${b} Millones, un aumento del {p} % sobre los ${a} Millones anteriores",
]


def statements(count: int) -> list[str]:
    out = []
    for index, template in zip(range(count), itertools.cycle(TEMPLATES), strict=False):
        a, b, p = 10 + index % 90, 100 + index % 900, 1 + index % 99
        out.append(template.format(a=a, b=b, p=p))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    texts = statements(args.count)
    read_statement(texts[0])  # load the word lists before timing
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for text in texts:
            read_statement(text)
        best = min(best, time.perf_counter() - start)
    print(f"{len(texts) / best:,.0f} statements/s ({best * 1e6 / len(texts):.0f} µs each)")
    huge = "Reducir el ciclo de venta de 35 días a 26 días " + "x" * 1_000_000
    start = time.perf_counter()
    read_statement(huge)
    print(f"a 1 MB statement: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

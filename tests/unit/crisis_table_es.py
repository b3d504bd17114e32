"""The labelled phrase table the crisis check is measured against in Spanish.

Each row: (kind, text, the tier the check must give). Kinds as in crisis_table.py: explicit (the
crisis card), indirect (the gentle card), negated (turned around by the writer: no card), idiom
(everyday job-hunt talk that looks alike: no card). Written the way people write a vent, with and
without accents, from Spain and from Latin America.
"""

from __future__ import annotations

from core.crisis import Tier

E, G, N = Tier.EXPLICIT, Tier.INDIRECT, Tier.NONE

EXPLICIT = [
    "Me quiero morir.",
    "A veces pienso en el suicidio",
    "esta noche me siento suicida",
    "he pensado en suicidarme",
    "quiero quitarme la vida",
    "me voy a quitar la vida si esto sigue así",
    "me quiero matar",
    "creo que me voy a matar",
    "no quiero vivir más",
    "ya no quiero vivir",
    "la vida no vale la pena vivir",
    "no tengo ningún motivo para vivir",
    "quiero acabar con mi vida",
    "me he vuelto a hacer daño",
    "he vuelto a autolesionarme después del tercer rechazo",
    "me corto cuando todo va mal",
    "estoy juntando pastillas",
    "pensé en tirarme por el puente al salir de la entrevista",
    "quiero tirarme a las vías del tren",
    "escribí una carta de despedida anoche",
    "he empezado a regalar mis cosas",
    "no voy a estar aquí mucho más tiempo",
    "ya sé exactamente cómo lo haría",
    "tengo ganas de morirme",
    "quiero estar muerta",
    "me quiero morir, de verdad",
    "pienso en la sobredosis",
    "mi amiga me dijo que quería suicidarse",
    "me quiero quitar la vida",
    "Me QUIERO MORIR",
]

INDIRECT = [
    "ojalá estuviera muerto",
    "ojala no hubiera nacido",
    "no quiero despertarme mañana... no, no quiero despertar",
    "quiero dormirme y no despertar",
    "quiero desaparecer",
    "solo quiero desaparecer para siempre",
    "quiero que todo se acabe ya",
    "soy una carga para mi familia",
    "estarían mejor sin mí",
    "no veo salida",
    "no hay salida",
    "no tengo futuro.",
    "estoy cansada de vivir",
    "estoy harto de todo.",
    "ya no puedo más",
    "no puedo seguir así.",
]

NEGATED = [
    "no me quiero morir, solo estoy triste",
    "no quiero suicidarme",
    "nunca me haría daño",
    "no quiero quitarme la vida, quiero otro trabajo",
    "no soy una carga",
    "no quiero desaparecer, quiero que me llamen",
]

IDIOMS = [
    "esta búsqueda me está matando",
    "me muero de vergüenza",
    "me quiero morir de vergüenza con lo que dije",
    "me muero de ganas de saber qué pasó",
    "fue un suicidio profesional decir eso en la entrevista",
    "me mato a trabajar y no sirve de nada",
    "me mato estudiando para estas entrevistas",
    "matarme por esto no tiene sentido",
    "el proceso me mata",
    "hoy me corto el pelo para la próxima entrevista",
    "me quiero morir de risa con el correo que me mandaron",
    "no tengo futuro en esta empresa, eso está claro",
    "no hay salida de emergencia en esa oficina",
    "no quiero despertarme temprano mañana",
    "quiero desaparecer de LinkedIn una temporada",
    "quiero que todo este proceso termine pronto para pasar página",
    "estoy cansada de todo este proceso de selección",
    "harto de todo el papeleo",
    "no quiero vivir en Madrid, por eso dije que no",
    "me hice daño en la rodilla corriendo",
    "la jornada sobre prevención del suicidio de la empresa",
    "me moría de los nervios antes de la llamada",
    "casi me muero cuando vi el correo",
    "esta entrevista fue matadora",
    "lo mató en la presentación, estuvo genial",
    "ya no puedo más con este calor",
    "ojalá supiera qué pasó",
    "soy una persona que trabaja mucho",
]


def table() -> list[tuple[str, str, Tier]]:
    """Every row: (kind, text, tier expected)."""
    return (
        [("explicit", text, E) for text in EXPLICIT]
        + [("indirect", text, G) for text in INDIRECT]
        + [("negated", text, N) for text in NEGATED]
        + [("idiom", text, N) for text in IDIOMS]
    )

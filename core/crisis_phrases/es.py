"""Spanish: what people write when they are struggling, and the job-hunt idioms that look alike.

Patterns read normalised text (see `core.crisis.normalise`): lower case, one space between words,
"¿" and "¡" set apart as signs. Accents are kept as typed, so every accented letter is written
both ways ("[aá]"): many people type without them. The tiers follow the same order as en.py
(after the Columbia Suicide Severity Rating Scale): a wish to be dead or not to wake up is
indirect; thoughts of killing oneself, a method, a plan or self-harm are explicit.

Spanish says "me muero de…" and "me está matando" all day long ("me muero de vergüenza", "esta
búsqueda me está matando", "me mato a trabajar"): those forms are left out of the phrases, or
guarded by a lookahead for what follows ("me quiero morir *de vergüenza*", "matarme *a trabajar*"),
and every guard is there because a row of tests/unit/crisis_table_es.py needs it. When a guard is
in doubt it is left out: a gentle card shown without need costs little, a missed one a great deal.
"""

from __future__ import annotations

from core.crisis_phrases.table import Language, Phrase, Tier

EXPLICIT, INDIRECT = Tier.EXPLICIT, Tier.INDIRECT

# The end of a clause: punctuation, a line end or the end of the text (zero-width).
END = r"(?= *(?:$|[.!?,;:)\]\"]))"
# "…de vergüenza", "…de risa": the everyday ways of dying of something.
DE_IDIOM = (
    r" de (?:la )?(?:verg[uü]enza|risa|aburrimiento|pena|envidia|ganas|sue[nñ]o|hambre|sed|calor|fr[ií]o|"
    r"cansancio|asco|miedo|nervios|curiosidad|amor|alegr[ií]a|emoci[oó]n|impaciencia|cringe|corte)"
)
# Wanting (not "going": "me voy a morir de aburrimiento" is everyday talk).
QUIERO = r"(?:quiero|quisiera|deseo|querr[ií]a|tengo ganas de|me dan ganas de|solo quiero|prefiero)"


def alt(*parts: str) -> str:
    """One pattern that matches any of `parts`."""
    return "|".join(f"(?:{part})" for part in parts)


def phrase(tier: Tier, topic: str, pattern: str, negatable: bool = False, not_after: str = "") -> Phrase:
    return Phrase(tier, topic, pattern, negatable, not_after)


PHRASES = (
    # == explicit ================================================================================
    # -- suicide, named: suicidio, suicida, suicidarme, and "suicidio profesional" set aside -------
    phrase(
        EXPLICIT,
        "suicide",
        r"\bsuicid(?:io|ios|a|as|arme|arse|arte|arnos|ado|ada|ar|ar[ií]a|ar[eé]|o)\b"  # not "suicide", "suicidal": English
        r"(?! (?:profesional|laboral|pol[ií]tico|comercial|social|financiero|econ[oó]mico|empresarial|"
        r"medi[aá]tico|de (?:carrera|imagen|marca)))",
        negatable=True,
        not_after=r"(?:prevenci[oó]n del|prevenir el|contra el|jornada (?:de|sobre) el) ",
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"\b(?:quitarme|quitarse|quitarte|quitarnos|me quito|me quit[eé]|me quiero quitar|se quiere quitar|"
        r"me voy a quitar|me podr[ií]a quitar) la vida\b",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        r"\b(?:matarme|matarse|me mato|me voy a matar|me quiero matar|me matar[eé]|me matar[ií]a)\b"
        r"(?! (?:a (?:trabajar|estudiar|entrenar|hacer)|trabajando|estudiando|preparando|entrenando|por (?:esto|eso|ese|esta|este|el|la|un|una)|"
        r"con (?:el|la|los|las|este|esta)|de (?:la )?risa|en el gimnasio|haciendo))",
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        alt(
            r"\b(?:me quiero morir|quiero morir|quiero morirme|me quisiera morir|quisiera morirme|"
            r"desear[ií]a morirme|tengo ganas de morir|tengo ganas de morirme|ganas de morirme|deseo morir|"
            r"prefiero morirme|prefiero estar muert[oa])\b(?!" + DE_IDIOM + r")",
            r"\b" + QUIERO + r" estar muert[oa]\b",
        ),
        negatable=True,
    ),
    phrase(
        EXPLICIT,
        "suicide",
        alt(
            r"\bno quiero (?:seguir )?vivi(?:r|endo)\b(?= *(?:$|[.!?,;:]| m[aá]s| as[ií]| ya| nada))",
            r"\bya no quiero vivir\b",
            r"\b(?:la vida )?no vale la pena (?:vivir|seguir viviendo|seguir con vida)\b",
            r"\bno tengo (?:ning[uú]n )?(?:motivo|raz[oó]n|motivos|razones) para (?:vivir|seguir viviendo|seguir con vida)\b",
            r"\b(?:acabar|terminar) con (?:mi vida|todo (?:esto )?de una vez|todo para siempre)\b",
        ),
    ),
    # -- self-harm ------------------------------------------------------------------------------
    phrase(
        EXPLICIT,
        "self_harm",
        alt(
            r"\b(?:hacerme|me hago|me he hecho|me hice|me estoy haciendo) da[nñ]o\b(?! (?:en|al|con el|con la|jugando|corriendo|entrenando))",
            r"\b(?:me he vuelto a|me vuelvo a|me volv[ií] a) hacer da[nñ]o\b",
            r"\bautolesi(?:[oó]n|ones|onarme|ono|onando|onado)\b",
            r"\b(?:cortarme|me corto|me he cortado|me estoy cortando|me vuelvo a cortar|volv[ií] a cortarme)\b"
            r"(?! (?:el|la|los|las|un|una|con el papel|al (?:afeitarme|cocinar|pelar))\b)",
            r"\b(?:quemarme|me quemo) (?:a prop[oó]sito|los brazos|la piel)\b",
        ),
        negatable=True,
    ),
    # -- a method -------------------------------------------------------------------------------
    phrase(
        EXPLICIT,
        "method",
        alt(
            r"\b(?:tomarme|tragarme|me tomo|me tomar[eé]|me tom[eé]|juntando|acumulando|guardando|juntar|acumular) "
            r"(?:todas )?(?:las |mis )?(?:pastillas|pastis|somn[ií]feros|calmantes)\b",
            r"\b(?:tirarme|me tiro|me tirar[eé]|lanzarme|me lanzo|saltar) (?:por|desde|de|a) (?:el |la |un |una |las |los )?"
            r"(?:puente|ventana|balc[oó]n|edificio|azotea|terraza|tren|metro|v[ií]as|acantilado)\b",
            r"\b(?:ahorcarme|me ahorco|me ahorcar[eé]|ahorcarse)\b",
            r"\b(?:sobredosis)\b",
        ),
        negatable=True,
    ),
    # -- a plan ---------------------------------------------------------------------------------
    phrase(
        EXPLICIT,
        "plan",
        alt(
            r"\b(?:carta|nota|cartas|notas) de despedida\b",
            r"\b(?:regalando|regalar|he regalado|regal[eé]) (?:todas )?mis cosas\b",
            r"\bno (?:voy a estar|estar[eé]) (?:aqu[ií]|por aqu[ií]) (?:mucho )?(?:m[aá]s )?tiempo\b",
            r"\b(?:ya )?s[eé] (?:exactamente )?c[oó]mo (?:lo )?har[ií]a\b",
        ),
    ),
    # == indirect ================================================================================
    phrase(
        INDIRECT,
        "wish_dead",
        alt(
            r"\bojal[aá] (?:estuviera|estuviese) muert[oa]\b",
            r"\bojal[aá] no (?:hubiera|hubiese) nacido\b",
            r"\bojal[aá] no existiera\b",
            r"\b(?:estar[ií]a|estar[ií]amos|estar[ií]an) mejor muert[oa]s?\b",
            r"\bmejor (?:estar|estaria|estaría) muert[oa]\b",
        ),
    ),
    phrase(
        INDIRECT,
        "not_wake",
        alt(
            r"\bno quiero (?:despertar|despertarme|volver a despertar)(?:me)?\b(?! (?:temprano|pronto|a las|antes|ma[nñ]ana))",
            r"\bojal[aá] no (?:despertara|despertase|me despertara)\b",
            r"\bdormir(?:me)? y no (?:despertar|volver a despertar)(?:me)?\b",
        ),
    ),
    phrase(
        INDIRECT,
        "disappear",
        r"\b(?:quiero|quisiera|ojal[aá] pudiera|me gustar[ií]a|tengo ganas de|solo quiero) desaparecer\b"
        r"(?= *(?:$|[.!?,;:]| para siempre| de (?:este mundo|la faz de la tierra)| y ya| sin (?:m[aá]s|dejar rastro)))",
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "stop",
        r"\b(?:quiero|solo quiero|necesito) que (?:todo|todo esto) (?:se acabe|termine|pare|se detenga|se termine)\b"
        r"(?= *(?:$|[.!?,;:]| ya| de una vez| para siempre))",
    ),
    phrase(
        INDIRECT,
        "burden",
        alt(
            r"\bsoy (?:una carga|un estorbo)\b",
            r"\b(?:estar[ií]an|estar[ií]a|vivir[ií]an) mejor sin m[ií]\b",
        ),
        negatable=True,
    ),
    phrase(
        INDIRECT,
        "no_way_out",
        r"\bno (?:hay|veo|tengo|le veo|encuentro) (?:ninguna )?salida\b(?! (?:de (?:emergencia|incendios)|profesional|laboral))",
    ),
    phrase(
        INDIRECT,
        "no_future",
        r"\bno (?:tengo|veo|hay) (?:ning[uú]n )?futuro(?: para m[ií])?\b" + END,
    ),
    phrase(
        INDIRECT,
        "tired",
        r"\b(?:estoy )?(?:cansad[oa]|hart[oa]) de (?:vivir|existir|todo|la vida)\b" + END,
    ),
    phrase(
        INDIRECT,
        "cant_go_on",
        alt(
            r"\bya no puedo m[aá]s\b(?! (?:de (?:la )?risa|con (?:la|el|este|esta)))",
            r"\bno puedo seguir (?:as[ií]|adelante|viviendo as[ií])\b" + END,
        ),
    ),
)

LANGUAGE = Language(
    code="es",
    phrases=PHRASES,
    negators=frozenset({"no", "nunca", "jamas", "tampoco", "ni", "nadie"}),
    fillers=frozenset(
        {
            "me",
            "te",
            "se",
            "lo",
            "la",
            "que",
            "de",
            "a",
            "yo",
            "voy",
            "vas",
            "va",
            "quiero",
            "quiere",
            "pienso",
        }
        | {
            "pensaria",
            "estoy",
            "estaba",
            "he",
            "ha",
            "iba",
            "queria",
            "quisiera",
            "tengo",
            "ganas",
            "ya",
            "ahora",
        }
        | {
            "realmente",
            "verdad",
            "de",
            "en",
            "para",
            "nada",
            "siento",
            "intencion",
            "intenciones",
            "seria",
            "haria",
        }
    ),
    subjects=frozenset({"yo", "el", "ella", "ellos", "ellas", "tu", "usted", "nosotros"}),
)

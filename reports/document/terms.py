"""The fixed words of a UN document in the six official languages, as the UN prints them.

These are editorial conventions of the Organization (masthead, organ names, "Report of the
Secretary-General"), not interface strings: the Arabic, Chinese and Russian versions keep the masthead
block ("Distr.: General", the date, "Original: English") in English, as the UN's own documents do.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date

TERMS: dict[str, dict[str, str]] = {
    "united_nations": {
        "en": "United Nations",
        "fr": "Nations Unies",
        "es": "Naciones Unidas",
        "ru": "Организация Объединенных Наций",
        "ar": "الأمم المتحدة",
        "zh-hans": "联合国",
    },
    "general_assembly": {
        "en": "General Assembly",
        "fr": "Assemblée générale",
        "es": "Asamblea General",
        "ru": "Генеральная Ассамблея",
        "ar": "الجمعية العامة",
        "zh-hans": "大会",
    },
    "ecosoc": {
        "en": "Economic and Social Council",
        "fr": "Conseil économique et social",
        "es": "Consejo Económico y Social",
        "ru": "Экономический и Социальный Совет",
        "ar": "المجلس الاقتصادي والاجتماعي",
        "zh-hans": "经济及社会理事会",
    },
    "distribution": {
        "en": "Distr.: General",
        "fr": "Distr. générale",
        "es": "Distr. general",
        "ru": "Distr.: General",
        "ar": "Distr.: General",
        "zh-hans": "Distr.: General",
    },
    "original": {
        "en": "Original: {name}",
        "fr": "Original : {name}",
        "es": "Original: {name}",
        "ru": "Original: {name}",
        "ar": "Original: {name}",
        "zh-hans": "Original: {name}",
    },
    "report_of_the_secretary_general": {
        "en": "Report of the Secretary-General",
        "fr": "Rapport du Secrétaire général",
        "es": "Informe del Secretario General",
        "ru": "Доклад Генерального секретаря",
        "ar": "تقرير الأمين العام",
        "zh-hans": "秘书长的报告",
    },
    "stocktaking_report": {
        "en": "Report on the WSIS Stocktaking",
        "fr": "Rapport sur l'inventaire des activités du SMSI",
        "es": "Informe sobre el inventario de actividades de la CMSI",
        "ru": "Доклад об инвентаризации деятельности ВВУИО",
        "ar": "تقرير عن حصر أنشطة القمة العالمية لمجتمع المعلومات",
        "zh-hans": "信息社会世界峰会活动盘点报告",
    },
    "summary": {"en": "Summary", "fr": "Résumé", "es": "Resumen", "ru": "Резюме", "ar": "موجز", "zh-hans": "摘要"},
    "annex": {"en": "Annex", "fr": "Annexe", "es": "Anexo", "ru": "Приложение", "ar": "المرفق", "zh-hans": "附件"},
    "notes": {"en": "Notes", "fr": "Notes", "es": "Notas", "ru": "Примечания", "ar": "الحواشي", "zh-hans": "注"},
    "back_to_text": {
        "en": "Back to the text",
        "fr": "Retour au texte",
        "es": "Volver al texto",
        "ru": "Вернуться к тексту",
        "ar": "العودة إلى النص",
        "zh-hans": "返回正文",
    },
    "paragraph": {
        "en": "Paragraph {n}",
        "fr": "Paragraphe {n}",
        "es": "Párrafo {n}",
        "ru": "Пункт {n}",
        "ar": "الفقرة {n}",
        "zh-hans": "第{n}段",
    },
    "chart_data": {
        "en": "Data of the chart",
        "fr": "Données du graphique",
        "es": "Datos del gráfico",
        "ru": "Данные диаграммы",
        "ar": "بيانات الرسم البياني",
        "zh-hans": "图表数据",
    },
    "source": {"en": "Source", "fr": "Source", "es": "Fuente", "ru": "Источник", "ar": "المصدر", "zh-hans": "来源"},
}

# Language names: on the masthead, "Original: English" and, when the version is a translation, the
# version's own language on the line above ("Français" / "Original : anglais").
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"ar": "Arabic", "zh-hans": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
    "fr": {"ar": "arabe", "zh-hans": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
    "es": {"ar": "árabe", "zh-hans": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
}
# The masthead of the Arabic, Chinese and Russian versions is in English.
MASTHEAD_LANGUAGE = {"en": "en", "fr": "fr", "es": "es", "ru": "en", "ar": "en", "zh-hans": "en"}
DATE_PATTERNS = {"en": "d MMMM y", "fr": "d MMMM y", "es": "d 'de' MMMM 'de' y"}


def term(key: str, language: str, **values: object) -> str:
    text = TERMS[key].get(language) or TERMS[key]["en"]
    return text.format(**values) if values else text


def masthead_date(date: datetime.date, language: str) -> str:
    masthead = MASTHEAD_LANGUAGE[language]
    return format_date(date, DATE_PATTERNS[masthead], locale=masthead)


def masthead_languages(language: str, original: str) -> list[str]:
    """The language lines of the masthead: ["Français", "Original : anglais"] or ["Original: English"]."""
    masthead = MASTHEAD_LANGUAGE[language]
    names = LANGUAGE_NAMES[masthead]
    lines = []
    if original != language:
        lines.append(names[language][:1].upper() + names[language][1:])
    lines.append(term("original", masthead, name=names[original]))
    return lines

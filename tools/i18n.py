"""Interface words the build adds to pages, in every language of the site."""

LANGUAGES = ("en", "ar", "ru", "zh")
RTL = {"ar"}

TEXT = {
    "download": {
        "en": "Download the notebook (.ipynb)",
        "ar": "نزّل الدفتر (‎.ipynb)",
        "ru": "Скачать блокнот (.ipynb)",
        "zh": "下载笔记本 (.ipynb)",
    },
    "view-notebook": {
        "en": "View as a notebook",
        "ar": "اعرضه دفترَ Jupyter",
        "ru": "Открыть как блокнот",
        "zh": "以笔记本形式查看",
    },
    "notebook-note": {
        "en": "This notebook was generated and executed by the site's build. Its helpers come from the "
        "`snippets` package: run it inside a clone of the project after `make setup`.",
        "ar": "أنشأ بناءُ الموقع هذا الدفتر ونفّذه. الدوال المساعدة فيه من الحزمة `snippets`، "
        "فشغّله داخل نسخة من المشروع بعد تنفيذ `make setup`.",
        "ru": "Этот блокнот создан и выполнен сборкой сайта. Вспомогательные функции берутся из пакета "
        "`snippets`: запускайте его в клоне проекта после `make setup`.",
        "zh": "本笔记本由网站构建过程生成并执行。其中的辅助函数来自 `snippets` 包：请在项目的克隆中运行，"
        "并先执行 `make setup`。",
    },
    "output": {"en": "Output", "ar": "المخرجات", "ru": "Вывод", "zh": "输出"},
    "figure": {"en": "Figure from", "ar": "شكل من الخلية", "ru": "Рисунок из ячейки", "zh": "图，来自单元"},
    "lessons": {"en": "Lessons", "ar": "الدروس", "ru": "Уроки", "zh": "课程"},
    "notebooks": {"en": "Notebooks", "ar": "دفاتر Jupyter", "ru": "Блокноты", "zh": "笔记本"},
}


def text(key: str, lang: str) -> str:
    return TEXT[key][lang]

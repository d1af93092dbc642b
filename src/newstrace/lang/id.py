"""Indonesian: how news attributes, hedges, denies and confirms statements."""

from __future__ import annotations

from newstrace.lang import Lexicon
from newstrace.lang.id_names import HEADS, NAME_OPENERS, NAME_PARTICLES, NOT_PREDICATES, PASSIVE_CUES, RANKS

__all__ = ["LEXICON"]

# Cue verbs that sit next to a quote: ”...,” kata X / ujar X / tutur X.
_SPEECH_BASES = (
    "kata ujar tutur ucap ungkap jelas papar tegas sebut terang lanjut tambah imbuh pungkas tanya "
    "tulis tandas kilah seru bilang timpal cuit kicau klaim aku sambung urai beber pesan ajak "
    "kenang tukas jawab celetuk"
).split()

# "katanya" is "kata" with the speaker folded into "-nya"; "menurutnya" likewise.
_COREF = {base + "nya": base for base in _SPEECH_BASES} | {
    "ujanya": "ujar",  # a frequent typo of "ujarnya"
    "menurutnya": "menurut",
    "akunya": "aku",
}

# X CUE (bahwa) ...: a speaker, a verb of saying, the statement.
_REPORTED = (
    "mengatakan menyatakan menyebut menyebutkan mengklaim mengeklaim menegaskan menjelaskan "
    "mengungkapkan mengungkap menuturkan menyampaikan menambahkan mengaku mengakui menilai "
    "memaparkan menerangkan melaporkan mengingatkan berkata berujar bertutur mengucapkan "
    "menandaskan memperkirakan meyakini menduga menuding menuduh membantah menyangkal menepis "
    "membenarkan mengonfirmasi mengkonfirmasi menulis mencuit berpendapat menekankan "
    "mengemukakan mengutarakan menjawab bertanya menanyakan memastikan "
    "mengisyaratkan menyiratkan mewartakan memberitakan"
).split()

_PRONOUNS = "dia ia beliau mereka -nya dirinya".split()  # "Dirinya menegaskan, ..."

# Role and title words; multi-word titles are matched word by word.
_TITLES = (
    "presiden wakil menteri menko menkes menkeu mensos mendagri menlu ketua ketum waketum kepala "
    "direktur dirut dirjen sekjen sekda sekretaris gubernur wagub bupati wabup wali walikota "
    "camat lurah kades juru bicara jubir panglima kapolri kapolda kapolres kapolsek kasat "
    "kabareskrim kadiv kabid kabag kasubag kasi kadis plt plh pj jaksa hakim dokter dr drg prof "
    "profesor pengamat peneliti ahli pakar analis epidemiolog ekonom anggota komisaris manajer "
    "pelatih kapten penulis wartawan jurnalis pejabat duta besar dubes diplomat perdana raja ratu "
    "pangeran sultan kanselir senator politikus politisi aktivis pengacara kuasa koordinator "
    "rektor dekan dosen guru kiai ustaz pendeta uskup paus pemimpin diktator komandan jenderal "
    "letjen mayjen brigjen kolonel kombes akbp akp kompol iptu ipda aiptu laksamana marsekal "
    "staf khusus deputi asisten bendahara humas kasatreskrim kapuspen kabid humas pj. sang "
    "mantan eks bapak ibu pak bu mbak mas kak bang kang cak bung h hj haji hajah kh ir drs dra tuan nyonya sdr "
    "pembina pendiri founder ceo cfo ketua umum dewan pengawas pengurus inspektur eksekutif "
    "komjen laksdya laksda marsdya marsda letkol mayor lettu letda serka bripka brigpol aipda "
    "ajun brigadir kepala irjen letnan sertu serda kopral co-founder cofounder chairman pimpinan "
    # The corps after a rank: "Mayor Inf Hendra Saputra", "Brigjen Pol Dedi Prasetyo".
    "pol polisi inf kav arm arh czi cpl cba mar pnb"
).split()

# Capitalised words that open or fill organisations, places and sentences, never names.
_NON_NAME = (
    "kementerian kemenkes kemensos kemenkeu kemendagri kemenlu badan dinas dewan komisi komite "
    "partai universitas institut sekolah rumah sakit rsud rsup pemerintah pemkot pemkab pemprov "
    "provinsi kabupaten kota kecamatan desa kelurahan polda polres polsek polri tni dpr dprd mpr "
    "kpk kpu bawaslu mahkamah agung konstitusi pengadilan negeri tinggi kejaksaan kejati kejari "
    "satgas gugus tugas bpbd bnpb bumn pt cv tbk persero kantor istana gedung jalan jl bank "
    "fakultas lembaga yayasan asosiasi ikatan himpunan perhimpunan serikat organisasi "
    "indonesia jakarta bandung surabaya semarang yogyakarta medan makassar palembang denpasar "
    "bali jawa barat tengah timur utara selatan sumatera kalimantan sulawesi papua maluku nusa "
    "tenggara aceh riau jambi bengkulu lampung banten bogor depok tangerang bekasi solo malang "
    "ambon manado kupang jayapura pontianak samarinda balikpapan banjarmasin padang pekanbaru "
    "mataram kendari palu gorontalo ternate sorong batam cirebon tasikmalaya kediri madiun "
    "kompas antara tempo covid-19 covid corona sars-cov-2 rp ri as pbb who uni eropa amerika "
    "serikat rusia ukraina china tiongkok korea jepang singapura malaysia australia inggris "
    "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli "
    "agustus september oktober november desember namun tetapi selain menurut dalam saat ketika "
    "sementara adapun dengan untuk kepada dari pada di ke oleh sejak hingga karena meski "
    "meskipun bahkan kini sebelumnya selanjutnya kemudian lalu ini itu hal pihaknya kami kita "
    "saya anda dia ia beliau mereka para sejumlah beberapa seluruh semua setiap baca juga "
    "bersama bagi tak tidak ya apa siapa bagaimana mengapa kenapa jika kalau agar supaya "
    "kremlin pentagon nato gedung putih kedutaan kedubes jerman prancis perancis india iran "
    "israel turki arab saudi mesir belanda kanada brasil vietnam thailand filipina kiev kyiv "
    "moskow moskwa beijing washington seoul pyongyang tokyo london paris "
    "kesehatan keuangan sosial pendidikan agama pertahanan luar negeri hukum perhubungan "
    "pertanian perdagangan perindustrian pariwisata riset teknologi koperasi tenaga kerja "
    "lingkungan hidup kehutanan kelautan perikanan energi perumahan rakyat politik keamanan "
    "perekonomian bidang bagian usaha milik daerah nasional "
    # Elections and parties: bodies in a role ("Ketua Badan Pengawas Pemilu Darmadi").
    "pemilu pilkada pilpres golkar gerindra nasdem demokrat hanura perindo "
    # Province abbreviations and words that name organisations, not people.
    "sultra sulsel sulut sulteng sulbar kalsel kaltim kalbar kalteng kaltara jateng jatim jabar "
    "sumut sumsel sumbar ntt ntb diy dki babel kepri malut jabodetabek "
    "masjid gereja pura vihara klenteng komunitas kelompok forum koalisi aliansi gerakan group "
    "grup network holding corporation foundation institute center centre pusat balai unit "
    "stasiun terminal bandara pelabuhan pasar kampung dusun "
    # Religions and common words that close place and body names ("umat Muslim", "partai
    # Islam", "Jalan Raya", "Kampung Baru"), and bodies named after them ("Muhammadiyah").
    "islam muslim katolik protestan hindu buddha konghucu yahudi raya baru muhammadiyah nahdlatul ulama "
    # Words that open sentences and so come capitalised.
    "apalagi sedangkan padahal akibatnya sebab maka jadi yakni yaitu terutama termasuk "
    "misalnya contohnya sehingga tapi walau walaupun setelah sebelum usai seusai begitu "
    "demikian pun ada hanya sudah masih belum akan telah sekarang dulu nanti pagi siang sore "
    "malam hari tahun bulan pekan diakui dikatakan disebutkan dijelaskan ditambahkan ditanya dihubungi "
    "lebih kurang sama berbeda soal terkait mengenai tentang atas bila apabila begitupun ditemui dikonfirmasi "
    "pertama kedua ketiga keempat kelima sebagian sebanyak apapun siapapun manapun pers keduanya seperti"
).split()

HEDGES = {
    "diduga": 0.6,
    "dugaan": 0.6,
    "terduga": 0.6,
    "dikabarkan": 0.6,
    "kabarnya": 0.6,
    "disebut-sebut": 0.6,
    "konon": 0.7,
    "ditengarai": 0.6,
    "disinyalir": 0.6,
    "santer": 0.6,
    "desas-desus": 0.7,
    "rumor": 0.7,
    "diisukan": 0.6,
    "dirumorkan": 0.7,
    "spekulasi": 0.5,
    "dituding": 0.5,
    "dituduh": 0.5,
    "tudingan": 0.4,
    "tuduhan": 0.4,
    "diyakini": 0.4,
    "diprediksi": 0.4,
    "diprediksikan": 0.4,
    "masih diselidiki": 0.5,
    "masih didalami": 0.5,
    "belum diketahui": 0.5,
    "disebut": 0.4,
    "dilaporkan": 0.4,
    "diklaim": 0.4,
    "mengklaim": 0.3,
    "mengeklaim": 0.3,
    "diperkirakan": 0.4,
    "kemungkinan": 0.5,
    "mungkin": 0.5,
    "tampaknya": 0.4,
    "sepertinya": 0.4,
    "terindikasi": 0.5,
    "belum jelas": 0.7,
}
UNVERIFIED = {
    "belum diverifikasi": 0.9,
    "belum terverifikasi": 0.9,
    "tidak dapat diverifikasi": 0.9,
    "tidak bisa diverifikasi": 0.9,
    "belum dapat diverifikasi": 0.9,
    "belum bisa diverifikasi": 0.9,
    "belum dapat dipastikan": 0.9,
    "belum bisa dipastikan": 0.9,
    "tidak dapat dipastikan": 0.9,
    "belum dikonfirmasi": 0.9,
    "belum terkonfirmasi": 0.9,
    "belum dapat dikonfirmasi": 0.9,
    "belum bisa dikonfirmasi": 0.9,
    "tanpa konfirmasi": 0.8,
    "belum memastikan": 0.8,
    "belum dapat memastikan": 0.8,
    "belum bisa memastikan": 0.8,
}
ASSERTIONS = {
    "dipastikan": 0.8,
    "memastikan": 0.7,
    "terbukti": 0.9,
    "terkonfirmasi": 0.8,
    "resmi": 0.6,
    "secara resmi": 0.7,
    "faktanya": 0.7,
    "sudah pasti": 0.8,
}
DENIALS = (
    "membantah bantah bantahan dibantah menyangkal sangkal disangkal menepis ditepis menampik "
    "ditampik hoaks hoax disinformasi fitnah".split()
    + ["berita palsu", "berita bohong", "kabar bohong", "tidak benar", "tidak berdasar", "kabar palsu"]
)
CONFIRMATIONS = "membenarkan dibenarkan mengonfirmasi mengkonfirmasi mengiyakan mengakui mengamini".split() + [
    "memang benar",
    "benar adanya",
]
NEGATIONS = "tidak tak tiada bukan belum".split()
# Stance words in another sense: hoaxes as a topic, the improper, praise, a goalkeeper's save.
NOT_STANCE = [
    f"{verb} {what}"
    for verb in ("penyebaran", "penyebar", "menyebarkan", "menyebar", "memerangi", "melawan", "menangkal", "penangkal")
    for what in ("hoaks", "hoax", "berita bohong", "berita palsu", "kabar bohong")
] + [
    "yang tidak benar",
    "secara tidak benar",
    "mengakui keunggulan",
    "mengakui kekalahan",
    "mengakui kehebatan",
    "mengakui kedaulatan",
    "menepis bola",
    "menepis tembakan",
    "menepis sepakan",
    "menepis tendangan",
    "menepis sundulan",
]
NOT_HEDGE = ["sebagaimana dilaporkan", "seperti dilaporkan", "seperti yang dilaporkan", "sebagaimana yang dilaporkan"]
REFER_BACK = [
    f"{noun} {demonstrative}"
    for noun in ("laporan", "kabar", "informasi", "klaim", "pernyataan", "hal", "berita", "tuduhan", "isu")
    for demonstrative in ("ini", "itu", "tersebut")
]
PLATFORMS = {
    "twitter": "Twitter",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "threads": "Threads",
    "telegram": "Telegram",
    "weibo": "Weibo",
}
PLATFORM_CUES = (
    "cuitan cuitannya kicauan kicauannya unggahan unggahannya postingan postingannya akun "
    "tulisnya cuitnya mengunggah mencuit menulis"
).split()

LEXICON = Lexicon(
    speech_cues=frozenset(_SPEECH_BASES),
    coref_cues=_COREF,
    reported_cues=frozenset(_REPORTED),
    according_to=frozenset(["menurut", "berdasarkan keterangan"]),
    complementisers=frozenset(["bahwa", "kalau"]),
    pronouns=frozenset(_PRONOUNS),
    titles=frozenset(_TITLES),
    non_name_words=frozenset(_NON_NAME),
    hedges=HEDGES,
    unverified=UNVERIFIED,
    assertions=ASSERTIONS,
    denials=frozenset(DENIALS),
    confirmations=frozenset(CONFIRMATIONS),
    negations=frozenset(NEGATIONS),
    not_stance=frozenset(NOT_STANCE),
    not_hedge=frozenset(NOT_HEDGE),
    connectives=frozenset(
        "tetapi namun akan sementara itu kemudian lalu adapun bahkan padahal sedangkan meski meskipun walau "
        "tapi dan pun sebelumnya selanjutnya".split()
    ),
    refer_back=frozenset(REFER_BACK),
    platforms=PLATFORMS,
    platform_cues=frozenset(PLATFORM_CUES),
    # ke-/pe-/per-/ber-/ter- ... -an: "Kemerdekaan", "Penanaman", "Ketidakhadiran". Long words
    # only, and no se- ("Setiawan" is a name). Kemen-: a ministry ("Kemenhub", "Kemenperin").
    # Loan nouns in -logi, -itas, -isme, -grafi, -asi, -matika name bodies ("Klimatologi", "Federasi"),
    # as do agencies shortened with -nas, "nasional" ("Basarnas"); not -usi, -isi ("Masayusi").
    citation_cues=frozenset("mengutip dikutip melansir dilansir menukil dinukil seperti sebagaimana sumber".split()),
    place_prepositions=frozenset("di ke dari menuju dekat sekitar kawasan wilayah kota desa kampung".split()),
    role_joiners=frozenset(["dan", "serta", "untuk", "di", "sekaligus", "&"]),
    place_openers=frozenset(
        (
            "di ke warga wilayah kawasan daerah kabupaten kota provinsi kecamatan desa pemkab pemkot "
            "pemprov polres polda pt masjid universitas rs rsu rsud rsup rspad rsia"
        ).split()
    ),
    title_ends=frozenset("kota desa daerah wilayah".split()),  # "Wali Kota", "Kepala Desa", "Sekretaris Daerah"
    derived_noun=r"(?:ke|pe|per|pen|pem|peng|penge|ber|ter)\p{L}{4,}an|kemen\p{L}{2,}|\p{L}{3,}(?:logi|itas|isme|grafi|asi|nas|matika)",
    name_particles=frozenset(NAME_PARTICLES),
    name_openers=frozenset(NAME_OPENERS),
    ranks=frozenset(RANKS),
    heads=frozenset(HEADS),
    passive_cues=frozenset(PASSIVE_CUES),
    auxiliaries=frozenset("sudah telah akan belum juga pun masih sedang tengah tidak tak baru pernah".split()),
    not_predicates=frozenset(NOT_PREDICATES),
    alias_cues=frozenset(
        ["disapa", "dipanggil", "dikenal dengan", "dikenal dengan nama", "dikenal dengan sebutan", "alias"]
    ),
    # "Apalagi, Menteri X sudah ...": a reason backing the statement before, whose speaker goes on.
    argument_openers=frozenset(["apalagi", "padahal", "terlebih"]),
    nickname_cues=frozenset(["atau"]),  # "Rudi Hartono atau Ucok"
    party_words=frozenset(["pihak", "kubu"]),  # "pihak Kopikita", "kubu Budi": a body or a camp, no person
)

# ==== Cleaning: page chrome, cited media, dates, datelines and bylines ========================
# Read by newstrace.clean. Indonesian pages mix in English labels and names, so some lists here
# hold both; lists that split cleanly by language have their English half in lang/en.py.

# Menu, widget and footer labels that are chrome when a line holds nothing else.
CHROME_LABELS = (
    "TERBARU",
    "TERPOPULER",
    "TERKINI",
    "POPULER",
    "TRENDING",
    "HEADLINE",
    "[X]",
    "X",
    "Tutup",
    "Close",
    "Share",
    "Bagikan",
    "Komentar",
    "Tags",
    "Tag",
    "Topik",
    "Berita Terkait",
    "Artikel Terkait",
    "Rekomendasi",
    "Baca Selengkapnya",
    "Selengkapnya",
    "Loading",
    "Advertisement",
    "Iklan",
    "Lihat Semua",
    "Berita Lainnya",
    "Video Pilihan",
    "Pilihan Editor",
    "Most Popular",
    "Lainnya",
    "Halaman Selanjutnya",
    "Next",
    "Prev",
    "Berikutnya",
    "Berita Populer",
    "Video",
    "Foto",
    "Galeri",
    "Copy link",
    "Salin tautan",
    "Link copied",
    "Index",
    "Indeks",
    "Index Berita",
    "Indeks Berita",
    "Informasi pemasangan iklan",
    "Info iklan",
    "Pasang iklan",
    "Kontak",
    "Kontak kami",
    "Redaksi",
    "Pedoman Media Siber",
    "Kebijakan Privasi",
    "Tentang Kami",
    "Disclaimer",
    "Load More",
    "Foto Terkait",
    "Video Terkait",
    "Berita Rekomendasi",
    "Jangan Lewatkan",
    "Popular Videos",
    "Popular Photos",
    "Related News",
    "Comments",
)
# Share-button words: a line of only these is a share bar.
SHARE_WORDS = frozenset({
    "facebook", "twitter", "x", "whatsapp", "wa", "telegram", "line", "linkedin", "email",
    "e-mail", "copy", "link", "salin", "tautan", "share", "bagikan", "pinterest", "tweet",
    "kirim", "print", "cetak",
})  # fmt: skip
# "Baca juga:", "Simak pula": a link to another article follows.
RELATED_MARKER = r"(?i:baca|simak|lihat)\s+(?i:juga|pula)"

# Media cited as sources, as they write their names.
KNOWN_MEDIA = (
    "Reuters",
    "AFP",
    "AP",
    "Associated Press",
    "Antara",
    "Bloomberg",
    "CNN",
    "BBC",
    "Xinhua",
    "Yonhap",
    "Kyodo",
    "TASS",
    "RIA Novosti",
    "Sputnik",
    "Al Jazeera",
    "Kompas",
    "Tempo",
    "Detik",
    "Okezone",
    "Sindonews",
    "Tribunnews",
    "Liputan6",
    "Republika",
    "Marca",
    "Goal",
    "ESPN",
    "Football Italia",
    "Sky Sports",
    "Britannica",
    "Variety",
    "Billboard",
    "Forbes",
    "Politico",
    "Axios",
    "Bernama",
    "NHK",
    "Newsweek",
    "Fox News",
    "CNBC",
    "WSJ",
    "New York Times",
    "Washington Post",
    "Daily Mail",
    "Mirror",
    "Express",
    "Express UK",
    "The Sun",
    "The Guardian",
    "Guardian",
    "Telegraph",
    "Independent",
    "Straits Times",
    "Channel News Asia",
    "CNA",
    "South China Morning Post",
    "SCMP",
    "Bisnis",
    "Kontan",
    "Metro TV",
    "TVRI",
    "RRI",
    "Euronews",
    "Nikkei",
    "Le Monde",
    "Der Spiegel",
    "Gazzetta",
    "Gazzetta dello Sport",
    "Tuttosport",
    "Mundo Deportivo",
    "TechCrunch",
    "The Verge",
    "Engadget",
    "GSMArena",
    "Gizmodo",
    "Wired",
    "Vogue",
    "Harper's Bazaar",
    "Elle",
    "TMZ",
    "E! News",
    "Deadline",
    "Hollywood Reporter",
)
# Platforms cited as sources in their own right ("melalui akun Twitter-nya"): names in PLATFORMS.
CITED_PLATFORMS = ("twitter", "instagram", "facebook", "tiktok", "youtube", "threads")
# Country and scope words before a medium's name ("media Rusia", "kantor berita lokal").
COUNTRY_WORDS = (
    "Inggris|Amerika Serikat|Amerika|AS|Korea Selatan|Korea Utara|Korsel|Korut|Rusia|China"
    "|Tiongkok|Jepang|Prancis|Perancis|Jerman|Australia|Singapura|Malaysia|Ukraina|Iran|Israel"
    "|India|Turki|Arab Saudi|Qatar|Spanyol|Italia|Belanda|Thailand|Filipina|Vietnam|Hong Kong"
    "|Taiwan|Kanada|Brasil|Argentina|Pakistan|Mesir|Suriah|Irak|Lebanon|Palestina|Swiss|Swedia"
    "|Britania Raya|British|American|Korean|Russian|Chinese|Japanese|French|German|Italian|Spanish"
    "|lokal|setempat|internasional|asing|resmi|pemerintah"
)
# What a medium is called before its name ("kantor berita", "harian"): a regular expression.
MEDIA_DESCRIPTORS = (
    r"(?:kantor berita|surat kabar|harian|koran|majalah|tabloid|stasiun televisi|stasiun TV"
    r"|televisi|media|portal berita|portal|situs berita|situs|laman|website|akun|kanal|outlet"
    r"|news agency|newspaper|broadcaster)"
)
# Capitalised words that open no medium's name: days, months, time words.
SOURCE_NOT_NAME_WORDS = {
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "sabtu",
    "minggu",
    "ahad",
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    "december",
    "pada",
    "kemarin",
    "hari",
    "ini",
    "sebelumnya",
    "wib",
}
# People and offices are quoted, not cited as media: a name opening with a role is skipped.
SOURCE_ROLE_WORDS = {
    "presiden",
    "wakil",
    "menteri",
    "ketua",
    "kepala",
    "direktur",
    "gubernur",
    "bupati",
    "wali",
    "juru",
    "pak",
    "bu",
    "bapak",
    "ibu",
    "sang",
    "mantan",
    "dr",
    "prof",
    "kapolda",
    "kapolri",
    "kapolres",
    "kapolsek",
    "jenderal",
    "sekretaris",
    "pelatih",
    "penulis",
    "pejabat",
    "dia",
    "ia",
    "mereka",
    "kami",
    "saya",
    "beliau",
    "seorang",
    "para",
    "pihak",
    "sumber",
    "salah",
    "tim",
    "pemerintah",
    "polisi",
    "warga",
    "majalah",
    "harian",
    "koran",
    "situs",
    "laman",
    "media",
    "akun",
    "kanal",
    "portal",
}

# Words that take a full stop without ending a sentence (case-sensitive).
# fmt: off
ABBREVIATIONS = frozenset([
    "Jl", "Jln", "Gg", "No", "dkk", "Tbk", "Dr", "dr", "drg", "Prof", "H", "Hj", "Kab", "Kec",
    "Kel", "Ds", "Prov", "Rp", "dll", "dsb", "dst", "tsb", "St", "Bpk", "Bp", "Ny", "Nn", "Sdr",
    "Sdri", "Tn", "Yth", "Ir", "Drs", "Dra", "KH", "Kol", "Letkol", "Jend", "Letjen", "Mayjen",
    "Brigjen", "Marsda", "Laksda", "Irjen", "Kombes", "AKBP", "AKP", "Kompol", "Iptu", "Ipda",
    "Aiptu", "Bripka", "Brigpol", "Kapt", "Serka", "Sertu", "Pratu", "Hlm", "hlm", "Tgl", "tgl",
    "Thn", "thn", "Sept", "Okt", "Des", "Agu", "Agt", "Ags", "Nop", "Mr", "Mrs", "Ms", "Jr", "Sr",
    "Inc", "Ltd", "Co", "Corp", "Bros", "vs", "etc", "Vol", "vol", "Tel", "Telp", "telp", "Fax",
    "PT", "CV", "UD", "RS",
])
# fmt: on

"""Indonesian: the words that tell who speaks: name openers, ranks, heads of bodies, passive cues."""

from __future__ import annotations

__all__ = ["HEADS", "NAME_OPENERS", "NAME_PARTICLES", "NOT_PREDICATES", "PASSIVE_CUES", "RANKS"]

# Words that open a person's name and that an article seldom uses alone for that person:
# Muslim name openers, Balinese birth-order names and titles of nobility. "Zaki" stands for
# "Ahmed Zaki Iskandar" and "Koster" for "I Wayan Koster", so a short mention grows over them.
NAME_PARTICLES = (
    "muhammad mohammad mohamad muhamad mochammad mokhamad moh muh ahmad achmad ahmed abdul abdur "
    "abd nur nurul siti sri i ni gusti ayu made putu gede wayan nyoman ketut komang kadek luh "
    "raden r rr andi teuku tengku cut tjokorda kiagus kemas masagus nyimas"
).split()

# The particles that stand first in a name, after other particles only ("I Gusti", "Andi
# Muhammad"); a word before them is the role's ("Universitas Tanjung Harapan Muhammad
# Hanif"). "Sri", "Ayu", "Nur" and the Balinese birth-order names may come second.
NAME_OPENERS = "muhammad mohammad mohamad muhamad mochammad mokhamad moh muh i ni raden teuku tengku".split()

# Police and military ranks and corps: the name follows them at once, so initials after them open the
# name ("Inspektur Jenderal AB Santoso Wirawan"), unlike a body's acronym after a title
# ("Ketua KY Budi Santoso").
RANKS = (
    "jenderal letjen mayjen brigjen irjen komjen kolonel letkol mayor kapten letnan lettu letda "
    "kombes akbp akp kompol iptu ipda aiptu aipda bripka brigpol laksamana laksdya laksda "
    "marsekal marsdya marsda serka sertu serda kopral pol polisi inf kav arm arh czi cpl cba mar pnb"
).split()

# Titles of people who head, found or speak for a body: news names the body between the title
# (and the title words after it) and the person ("CEO Kopikita Budi Hartanto", "Ketua Umum Kadin
# Rina Maharani", "Peneliti Indef Budi"), so the first capitalised word after them belongs to the
# role, whatever it looks like, when a name of two words or more follows it.
HEADS = (
    "ceo cfo coo cto founder co-founder cofounder pendiri direktur dirut rektor dekan chairman "
    "ketua kepala koordinator sekretaris peneliti manajer"
).split()

# "Hal senada disampaikan Yogi": speech verbs in the passive, their speaker after them.
PASSIVE_CUES = (
    "dikatakan disampaikan diungkapkan dijelaskan ditegaskan disebutkan dituturkan dipaparkan "
    "diakui ditambahkan dinyatakan diutarakan dikemukakan diterangkan"
).split()

# Words that after a name show it is no clause's subject: "Bayu Setiawan, dan ...",
# "Raja Surakerta V, yang ...", "Presiden Joko Widodo untuk ...".
NOT_PREDICATES = (
    "yang dan serta atau maupun dari ke untuk kepada oleh terhadap dengan bersama beserta "
    "itu ini tersebut sebagai selaku tentang mengenai terkait hingga sampai bagi atas"
).split()

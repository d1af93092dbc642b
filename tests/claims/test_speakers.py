"""Who said it: speakers' names, roles and pronouns on short hand-written Indonesian text."""

from __future__ import annotations

from newstrace.claims import Claim, extract_claims


def _direct(text: str) -> list[Claim]:
    return [claim for claim in extract_claims(text) if claim.kind == "direct"]


def test_a_role_with_its_acronym_in_brackets_keeps_the_name_after_it() -> None:
    text = (
        "Ketua Umum Ikatan Ahli Kesehatan Masyarakat Indonesia (IAKMI) Ede Surya Darmawan "
        "mengingatkan agar masyarakat berhati-hati. ”Kita harus tetap memakai masker,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Ede Surya Darmawan"
    assert claim.speaker_role is not None and claim.speaker_role.endswith("(IAKMI)")


def test_a_lowercase_title_before_the_name_goes_on_with_the_role() -> None:
    text = "”Kasus baru turun,” kata Juru Bicara Gugus Tugas Kendari dr Algazali."
    (claim,) = _direct(text)
    assert claim.speaker == "Algazali"


def test_a_short_name_grows_over_name_particles() -> None:
    text = (
        "Gubernur Bali I Wayan Koster meninjau pasar. Wayan Koster lalu menemui pedagang. "
        "”Semua pedagang wajib memakai masker,” kata Koster."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "I Wayan Koster"


def test_words_of_the_body_before_a_name_stay_in_the_role() -> None:
    text = (
        "Banjir melanda Kabupaten Indramayu. Ketua Bawaslu Indramayu Nurhadi meminta warga waspada. "
        "”Kami terus memantau,” kata Nurhadi."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Nurhadi"


def test_nya_names_the_person_mentioned_last_before_the_quote() -> None:
    text = (
        "”Kami sudah bekerja keras,” kata Menteri Kesehatan Budi Santoso. Sementara itu, ekonom "
        "Universitas Indonesia Faisal Basri menilai kebijakan itu terlambat. Anggaran juga belum "
        "cair. ”Pemerintah terlambat mengambil keputusan,” ujarnya."
    )
    first, second = _direct(text)
    assert first.speaker == "Budi Santoso"
    assert second.speaker == "Faisal Basri"


def test_a_handle_does_not_make_a_name_a_common_word() -> None:
    text = (
        "Gubernur Jawa Timur Khofifah Indar Parawansa mengumumkan hasil tesnya melalui Instagram "
        "khofifah.ip, Sabtu. ”Saya dinyatakan positif,” kata Khofifah."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Khofifah Indar Parawansa"


def test_a_quoted_nickname_inside_a_sentence_is_no_quote() -> None:
    text = (
        "Wali Kota Bogor Bima Arya memastikan, pada Senin, ”kota hujan” tersebut kembali masuk zona "
        "oranye. ”Kepastian itu berdasarkan laporan satuan tugas,” kata Bima."
    )
    (claim,) = _direct(text)
    assert claim.quote == "Kepastian itu berdasarkan laporan satuan tugas"
    assert claim.speaker == "Bima Arya"


def test_a_bare_name_after_the_cue_stays_in_the_full_name() -> None:
    # "Sigit" also opens another name: that is no sign that it belongs to the role here,
    # since the text itself calls the speaker "Listyo".
    text = (
        "Kepala Bareskrim Polri Komisaris Jenderal Listyo Sigit Prabowo memimpin pemeriksaan. "
        "Pakar hukum Sigit Riyanto menilai pemeriksaan itu penting. "
        "”Kami akan mendalami surat itu,” kata Listyo."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Listyo Sigit Prabowo"


def test_a_capitalised_word_opening_a_sentence_does_not_take_a_name_into_a_phrase() -> None:
    # "Bagi Toto ..." opens a sentence: "Bagi" is a common word there, not part of a phrase
    # that would make "Toto" a word of the role.
    text = (
        "Pembina Komunitas Bike to Work (B2W) Toto Sugito mengajak warga bersepeda. "
        "Bagi Toto, bersepeda adalah cara sehat ke kantor. Ia bersepeda setiap hari bagi kesehatannya. "
        "”Sepeda itu murah dan sehat,” katanya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Toto Sugito"

"""Phone numbers as customers write them in a complaint, and digit runs that are not phones.

Written before any reader was measured against it (issue 24), so it says what people send, not
what a reader happens to find. Each row: the shop's country (`shop.holiday_country`, the region a
number without a country code is read in), a sentence as a customer writes it, and the number
as written in it ("" when the sentence holds no phone number and nothing may be found).
The numbers are of real form (right length and ranges); the people behind them are made up.
"""

from __future__ import annotations

PHONES: list[tuple[str, str, str]] = [
    # -- the Netherlands: mobile and landline, the ways people space and punctuate them
    ("NL", "U kunt mij bellen op 06-12345678.", "06-12345678"),
    ("NL", "Mijn nummer is 06 1234 5678, liefst na vijven.", "06 1234 5678"),
    ("NL", "Bel me gerust: 0612345678", "0612345678"),
    ("NL", "Telefonisch ben ik bereikbaar op 010 - 123 45 67.", "010 - 123 45 67"),
    ("NL", "Overdag op (010) 1234567, 's avonds niet.", "(010) 1234567"),
    ("NL", "Mijn vaste nummer: 020-1234567", "020-1234567"),
    ("NL", "U kunt bellen naar 020 123 4567 tussen 9 en 5.", "020 123 4567"),
    ("NL", "Bereikbaar op +31 6 1234 5678 (ook WhatsApp).", "+31 6 1234 5678"),
    ("NL", "Mijn nummer: +31 (0)6 1234 5678", "+31 (0)6 1234 5678"),
    ("NL", "Bel 0031 6 12345678 als er iets is.", "0031 6 12345678"),
    ("NL", "Tel. 0513-123456, vraag naar Piet.", "0513-123456"),
    ("NL", "Ik ben te bereiken op 06 - 12 34 56 78.", "06 - 12 34 56 78"),
    ("NL", "Mobiel: 06.12.34.56.78", "06.12.34.56.78"),
    ("NL", "telefoon 0031-20-1234567", "0031-20-1234567"),
    ("NL", "Graag terugbellen op +31201234567.", "+31201234567"),
    # -- Belgium: a Belgian customer of a Dutch shop, and a Belgian shop
    ("NL", "U kan mij bereiken op +32 470 12 34 56.", "+32 470 12 34 56"),
    ("NL", "Mijn gsm: 0032 470 12 34 56", "0032 470 12 34 56"),
    ("BE", "Bel mij op 0470 12 34 56 aub.", "0470 12 34 56"),
    ("BE", "Vaste lijn: 02 123 45 67", "02 123 45 67"),
    ("BE", "Mon numéro : 0470/12.34.56", "0470/12.34.56"),
    ("BE", "Telefoon 09 234 56 78, na 18u.", "09 234 56 78"),
    ("NL", "Je suis joignable au +32 2 123 45 67.", "+32 2 123 45 67"),
    # -- Germany
    ("NL", "Sie erreichen mich unter 0049 30 12345678.", "0049 30 12345678"),
    ("NL", "Meine Handynummer: +49 151 23456789", "+49 151 23456789"),
    ("DE", "Rufen Sie mich bitte an: 030 12345678", "030 12345678"),
    ("DE", "Tel.: 0151 23456789", "0151 23456789"),
    ("DE", "Telefon (030) 1234567, tagsüber.", "(030) 1234567"),
    ("DE", "Erreichbar unter 089/1234567.", "089/1234567"),
    ("NL", "Bitte zurückrufen: +49 (0)30 1234 5678", "+49 (0)30 1234 5678"),
    # -- France
    ("NL", "Vous pouvez m'appeler au +33 6 12 34 56 78.", "+33 6 12 34 56 78"),
    ("FR", "Mon portable : 06 12 34 56 78", "06 12 34 56 78"),
    ("FR", "Appelez-moi au 01.23.45.67.89 svp.", "01.23.45.67.89"),
    ("NL", "Numéro : 0033 1 23 45 67 89", "0033 1 23 45 67 89"),
    ("FR", "Tél. 04-72-12-34-56", "04-72-12-34-56"),
    ("NL", "Mon numéro est le +33 (0)1 23 45 67 89.", "+33 (0)1 23 45 67 89"),
    # -- the United Kingdom
    ("NL", "You can reach me on +44 20 7946 0000.", "+44 20 7946 0000"),
    ("NL", "My mobile is +44 7700 900123, any time.", "+44 7700 900123"),
    ("GB", "Please ring me on 020 7946 0000.", "020 7946 0000"),
    ("GB", "Mobile: 07700 900123", "07700 900123"),
    ("GB", "Call (0161) 496 0000 during office hours.", "(0161) 496 0000"),
    ("NL", "Phone 0044 161 496 0000 please.", "0044 161 496 0000"),
    ("GB", "My number is 0113 496 0000 if you need it.", "0113 496 0000"),
    ("NL", "Call me back on +44 (0)20 7946 0000.", "+44 (0)20 7946 0000"),
    # -- digit runs that are not phone numbers: nothing may be found
    ("NL", "Ik heb de fiets op 12-03-2026 gekocht.", ""),
    ("NL", "Gekocht op 2026-03-12 in de winkel.", ""),
    ("NL", "Bestelnummer 2026031512 is nog niet geleverd.", ""),
    ("NL", "Ordernummer: 100234567", ""),
    ("NL", "Ik heb € 1.299,00 betaald voor de fiets.", ""),
    ("NL", "De prijs was 1299,00 euro.", ""),
    ("NL", "Het framenummer is WAW12345678.", ""),
    ("NL", "Serienummer 0012345678901 staat onder het frame.", ""),
    ("NL", "Storten op NL91 ABNA 0417 1643 00 graag.", ""),
    ("NL", "Mijn IBAN: BE68539007547034", ""),
    ("NL", "Factuur 20260315-0042 klopt niet.", ""),
    ("NL", "Het pakket met trackingcode 3SABCD1234567 kwam niet aan.", ""),
    ("NL", "I bought it on 15/03/2026 in your shop.", ""),
    ("NL", "Order no. 4500123456 arrived broken.", ""),
    ("NL", "Postcode 1234 AB, huisnummer 12.", ""),
    ("NL", "Ik heb 3 keer gebeld, op 14.05 en 16.30 uur.", ""),
]

"""Names for the demo council: people, wards and political groups, all invented.

People's names come from pools that reflect who lives and works in an inner London borough. Each pool
is a heritage's first names and surnames with a weight (roughly its share of the borough); a person's
first name and surname usually come from the same pool and sometimes from two, as in any London
borough. The weights are the demo's, not census figures.
"""

from __future__ import annotations

from typing import NamedTuple


class NamePool(NamedTuple):
    heritage: str
    weight: int
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NAME_POOLS: tuple[NamePool, ...] = (
    NamePool(
        "British and Irish",
        28,
        _words(
            """
            Alice Amy Andrew Bethany Callum Catherine Charlotte Ciara Claire Daniel David Eleanor Emma
            Fiona Gareth George Hannah Harry Helen Jack James Jessica Joanne Kate Laura Liam Lucy Mark
            Matthew Megan Niamh Oliver Paul Rachel Rebecca Rhys Richard Rory Ruth Sarah Seán Siobhan
            Sophie Stephen Thomas Tom Victoria William
        """
        ),
        _words(
            """
            Allen Bennett Brennan Brooks Carter Clarke Collins Cooper Davies Doherty Evans Fitzgerald
            Fletcher Foster Gallagher Graham Hall Harris Hughes Jenkins Kelly Kennedy Lawrence Lloyd
            Marshall Mitchell Morgan Murphy O'Brien O'Connor Parker Price Quinn Reid Roberts Robinson
            Shaw Stewart Sullivan Taylor Thompson Turner Walsh Ward Webb Whitaker Wilson Wright
        """
        ),
    ),
    NamePool(
        "Bangladeshi",
        16,
        _words(
            """
            Abdul Afia Aminul Anwara Asma Ayesha Farhana Fatema Habib Hasina Jahanara Kamal Mahbub
            Mohammed Mujibur Nadia Nasrin Rabina Rahima Rajib Rokeya Ruhul Sabina Sadia Shahanara Shahid
            Shamim Sultana Tahmina Tanvir
        """
        ),
        _words(
            """
            Ahmed Akhtar Alam Ali Begum Chowdhury Hoque Hossain Islam Karim Khan Khatun Miah Rahman
            Uddin Ullah Sarkar Talukdar Choudhury Haque
        """
        ),
    ),
    NamePool(
        "South Asian",
        8,
        _words(
            """
            Aarav Anjali Arjun Deepa Gurpreet Harpreet Kavita Manpreet Meera Neha Nikhil Priya Rajesh
            Ravi Sanjay Simran Sunita Vikram Zainab Imran Saima Bilal Hina Usman
        """
        ),
        _words(
            """
            Bhatt Chauhan Desai Gill Iqbal Joshi Kapoor Kaur Malik Mehta Nair Patel Qureshi Sandhu Shah
            Sharma Singh Thakrar Mirza Butt
        """
        ),
    ),
    NamePool(
        "West African",
        10,
        _words(
            """
            Abena Adaeze Ade Adwoa Akua Chidi Chinwe Chioma Efua Emeka Folake Funmi Kofi Kwabena Kwame
            Ngozi Nkechi Obinna Olu Segun Temitope Tunde Yaa Yemi
        """
        ),
        _words(
            """
            Adebayo Adeyemi Agyeman Akinola Asante Boateng Danso Eze Mensah Nwosu Obi Odunsi Ogunleye
            Okafor Okonkwo Oladipo Osei Owusu Sarpong Uchenna
        """
        ),
    ),
    NamePool(
        "Caribbean",
        8,
        _words(
            """
            Andre Beverley Candice Clive Delroy Denise Desmond Errol Grace Janelle Jerome Keisha Leon
            Marcia Marcus Monique Nadine Shanice Tyrone Winston
        """
        ),
        _words(
            """
            Anderson Baptiste Bailey Campbell Edwards Francis Gordon Grant Henry Joseph Lewis McKenzie
            Richards Samuels Thomas Walcott Williams Alleyne Small Charles
        """
        ),
    ),
    NamePool(
        "Somali and East African",
        5,
        _words(
            """
            Abdirahman Amina Asha Faduma Hamza Hodan Ifrah Khadra Mahad Mohamed Mulki Sagal Yusuf Zahra
            Amani Baraka Wanjiru Tesfaye
        """
        ),
        _words(
            """
            Abdi Aden Ahmed Egal Farah Hassan Hussein Ismail Jama Mohamud Nur Omar Warsame Yusuf Kamau
            Otieno Haile Tesfamariam
        """
        ),
    ),
    NamePool(
        "Turkish, Kurdish and Cypriot",
        6,
        _words(
            """
            Ayşe Burak Can Deniz Elif Emre Gökhan Hasan Leyla Melek Mehmet Nilüfer Serkan Zeynep Andreas
            Christos Eleni Maria Nikos Sofia
        """
        ),
        _words(
            """
            Arslan Aydın Çelik Demir Doğan Kaya Öztürk Şahin Yıldız Yılmaz Christodoulou Georgiou
            Ioannou Kyriacou Pavlou Constantinou
        """
        ),
    ),
    NamePool(
        "European",
        8,
        _words(
            """
            Agnieszka Alessandro Ana Andrei Bogdan Chiara Ewa Francesca Giulia Ioana Jakub Joana
            Katarzyna Lukas Marco Marta Mihai Paulo Pedro Piotr Raluca Tomasz Zsófia Inês
        """
        ),
        _words(
            """
            Bianchi Costa Dumitru Esposito Ferreira Kowalski Lewandowska Marino Nowak Oliveira Popescu
            Rossi Santos Silva Szabó Wiśniewski Ionescu Horvat Novák Fischer
        """
        ),
    ),
    NamePool(
        "Latin American",
        3,
        _words(
            """
            Alejandro Camila Carolina Diego Gabriela Javier Lucía Mateo Paola Valentina
        """
        ),
        _words("Castillo Díaz Gómez Herrera López Martínez Morales Ramírez Torres Vargas"),
    ),
    NamePool(
        "East and South-East Asian",
        5,
        _words(
            """
            Anh Chen Hiroshi Jun Li Mei Minh Rosa Siew Wei Xin Yuki Joy Ramon Jocelyn
        """
        ),
        _words(
            """
            Chan Cheung Huang Lam Lee Li Liu Nguyen Tan Tanaka Wang Wong Zhang Santos Reyes Cruz
        """
        ),
    ),
    NamePool(
        "Middle Eastern and North African",
        3,
        _words(
            """
            Ahmad Dalia Farid Hala Karim Layla Nour Omar Rania Samir Yasmin Tariq
        """
        ),
        _words("Abbas Bakr Haddad Hamdan Khalil Mansour Nasser Saleh Sayed Zaidi"),
    ),
)

#: How often a person's surname comes from a different pool to their first name.
MIXED_NAME_CHANCE = 0.12

#: About twenty invented wards with their seats: 13 three-seat and 7 two-seat wards, 53 seats.
WARDS: tuple[tuple[str, int], ...] = (
    ("Ashworth Green", 3),
    ("Barley Mow", 2),
    ("Bellfield", 3),
    ("Canal Basin", 3),
    ("Chandlers Quay", 2),
    ("Copperfield", 3),
    ("Dunmore Park", 3),
    ("Elderwood", 2),
    ("Fenwick Fields", 3),
    ("Gascoyne", 3),
    ("Hollybush", 2),
    ("Kingsmead", 3),
    ("Lanternhill", 3),
    ("Marlowe", 2),
    ("Millwall Reach", 3),
    ("Old Ropewalk", 3),
    ("Pennington", 2),
    ("St Brendan's", 3),
    ("Tanners Hill", 3),
    ("Weavers End", 2),
)


class GroupSpec(NamedTuple):
    name: str
    short_name: str
    seats: int  # 0 for the councillors in no group (independents)
    administration: bool = False


#: Political groups after the (invented) 2026 election: 31 of 53 seats make a majority.
GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec("Ashworth Progress Group", "Progress", 31, administration=True),
    GroupSpec("Borough First Group", "Borough First", 12),
    GroupSpec("Community Voice Group", "Community Voice", 6),
)
INDEPENDENT_SEATS = 4

"""Demo page content in four languages. Original text written for this project; labelled as demo."""
from .home import HOME
from .about import ABOUT, ABOUT_CHILDREN
from .hubs import HUBS
from .privacy import PRIVACY
from .accessibility import ACCESSIBILITY
from .face import CARDS, FOOTER, IMAGE_ALTS
from .testimonials import TESTIMONIALS

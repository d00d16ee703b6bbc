"""Social media: handles, hashtags, short posts, reactions and long-tailed follower counts."""

from __future__ import annotations

import math

from querynl.providers.base import QueryNLProvider, patterned, vocabulary


class SocialProvider(QueryNLProvider):
    handle_words = (
        "sunny", "pixel", "coffee", "wander", "lunar", "maple", "river", "urban", "velvet", "quiet",
        "happy", "wild", "cosmic", "retro", "neon", "golden", "misty", "salty", "sleepy", "brave",
        "tiny", "lazy", "clever", "fuzzy", "chill", "daily", "north", "ocean", "forest", "desert",
        "cloud", "storm", "ember", "frost", "echo", "nomad", "panda", "otter", "fox", "owl",
        "tiger", "koala", "mango", "taco", "noodle", "bagel", "biscuit", "pepper", "cookie",
        "latte", "vinyl", "synth", "comet", "rocket", "robot", "ninja", "wizard", "pilot",
        "sailor", "baker", "coder", "runner", "hiker", "reader", "dreamer", "maker", "drifter",
    )  # fmt: skip
    handle_formats = (
        "{handle_words}_{handle_words}", "{handle_words}{handle_words}", "{handle_words}.{handle_words}",
        "{handle_words}_{handle_words}##", "{handle_words}{handle_words}#", "the{handle_words}{handle_words}",
        "{handle_words}_##", "its{handle_words}{handle_words}", "{handle_words}{handle_words}_###",
    )  # fmt: skip
    hashtag_words = (
        "Throwback", "Monday", "Friday", "Weekend", "Travel", "Foodie", "Coffee", "Sunset",
        "Nature", "Fitness", "Motivation", "Goals", "Vibes", "Love", "Life", "Style", "Summer",
        "Winter", "Art", "Music", "Books", "Tech", "Startup", "Design", "Photography", "Family",
        "Dogs", "Cats", "Yoga", "Running", "Vegan", "Baking", "Gaming", "Beach", "Mountains",
        "City", "Home", "Garden", "Wellness", "Mindful", "Adventure", "Road", "Trip", "Daily",
        "Inspo", "Outfit", "Brunch", "Sunday", "Night", "Morning",
    )  # fmt: skip
    hashtag_formats = ("{hashtag_words}", "{hashtag_words}{hashtag_words}", "{hashtag_words}{hashtag_words}")
    social_post_formats = (
        "Just finished my first {social_activities}!",
        "Can't believe how good this {social_things} is.",
        "Who else is spending the weekend on {social_activities}?",
        "New week, new goals.",
        "Throwback to the best {social_things} I've ever had.",
        "Big news coming soon, stay tuned!",
        "Thank you all for {social_milestones} followers!",
        "Trying something different today: {social_activities}.",
        "Morning views like this never get old.",
        "Hot take: {social_things} is overrated.",
        "Finally crossed {social_activities} off my list.",
        "Sharing a few photos from yesterday's {social_activities}.",
        "Does anyone have recommendations for a good {social_things}?",
        "Grateful for this community.",
        "Day {social_days} of {social_activities} and still going strong.",
    )  # fmt: skip
    social_activities = (
        "half marathon", "pottery class", "road trip", "sourdough loaf", "camping trip",
        "coding bootcamp", "hike up the ridge", "farmers market run", "concert", "beach cleanup",
        "book club", "photo walk", "bike ride", "cooking class", "yoga retreat",
    )  # fmt: skip
    social_things = (
        "coffee", "pizza", "sunset", "playlist", "podcast", "ramen", "bookstore", "hiking trail",
        "taco truck", "phone camera", "city view", "road trip snack",
    )  # fmt: skip
    social_milestones = ("1K", "5K", "10K", "50K", "100K")
    social_days = tuple(str(d) for d in range(1, 101))
    reaction_types = ("like", "like", "like", "love", "love", "haha", "wow", "sad", "angry", "care")
    social_platforms = ("Instagram", "TikTok", "X", "Facebook", "LinkedIn", "YouTube", "Mastodon", "Threads")

    social_handle = patterned(
        "handle_formats", marks=True, doc="A handle such as ``sunny_pixel42`` (no leading @)."
    )
    hashtag = patterned("hashtag_formats", prefix="#", doc="A hashtag such as ``#TravelVibes``.")
    social_post = patterned("social_post_formats", (1, 2), shared=("social_activities",), doc="A short post.")
    reaction_type = vocabulary("reaction_types")
    social_platform = vocabulary("social_platforms")

    def follower_count(self, max_value: int = 50_000_000) -> int:
        """Followers of an account: a long tail, most accounts a few hundred, a few millions."""
        count = int(math.exp(self.generator.random.gauss(5.5, 2.0)))
        return max(0, min(count, int(max_value)))

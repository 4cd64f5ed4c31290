"""A linked-data fixture stating every record kind vfgraph knows, with fresh IRIs on every call.

The Turtle is written in the canonical form an import stores (decimals without trailing zeros, times in
UTC, measures typed, agents also typed vf:Agent), so that a round trip must give back exactly these triples.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import RDF

from vfgraph.ld.terms import BOOKKEEPING

# Test records live under a host that sorts before the IRIs vfgraph mints (http://127.0.0.1:8000/id/...), so
# that tests elsewhere that read "the newest records" (the last page in id order) never meet them.
TEST_IRIS = "http://0.example/ld-test/"


def fresh_base() -> str:
    return f"{TEST_IRIS}{uuid.uuid4().hex}/"


PREFIXES = """\
@prefix vf: <https://w3id.org/valueflows/ont/vf#> .
@prefix vfg: <https://w3id.org/vfgraph/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@dataclass(frozen=True)
class Fixture:
    base: str
    turtle: str

    def iri(self, name: str) -> str:
        return self.base + name

    def moved(self) -> Fixture:
        """The same records under a fresh base IRI."""
        base = fresh_base()
        return Fixture(base=base, turtle=self.turtle.replace(self.base, base))

    @property
    def iris(self) -> list[str]:
        g = Graph().parse(data=self.turtle, format="turtle")
        return sorted({str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(self.base)})


def every_kind(external: str = f"{TEST_IRIS}elsewhere/") -> Fixture:
    base = fresh_base()
    ext = f"{external}{uuid.uuid4().hex}"
    body = f"""
@prefix : <{base}> .

:alice a vf:Person, vf:Agent ; vf:name "Alice" ; vf:note "keeps bees" ;
    vf:image "https://img.example/alice.png"^^xsd:anyURI .
:farm a vf:Organization, vf:Agent ; vf:name "Green Farm" ; vf:classifiedAs <https://class.example/farm> ;
    vf:primaryLocation <https://places.example/farmyard> .
:river a vf:EcologicalAgent, vf:Agent ; vf:name "The river" .
:kg a vf:Unit ; vf:label "kilogram" ; vf:symbol "kg" ; vf:omUnitIdentifier "kilogram" .
:hour a vf:Unit ; vf:label "hour" ; vf:symbol "h" .
:grain a vf:ResourceSpecification ; vf:name "grain" ; vf:note "any cereal" ;
    vf:defaultUnitOfResource :kg ; vf:defaultUnitOfEffort :hour ; vf:substitutable true ;
    vf:resourceClassifiedAs <https://class.example/cereal> ;
    vf:imageList "https://img.example/g1.png"^^xsd:anyURI, "https://img.example/g2.png"^^xsd:anyURI .
:flour a vf:ResourceSpecification ; vf:name "flour" .
:milling a vf:ProcessSpecification ; vf:name "milling" ; vf:note "stone mill" .
:run a vf:Process ; vf:name "milling run 1" ; vf:basedOn :milling ; vf:inScopeOf :farm ;
    vf:hasBeginning "2024-03-01T08:00:00Z"^^xsd:dateTime ; vf:hasEnd "2024-03-01T17:00:00Z"^^xsd:dateTime ;
    vf:finished true ; vf:classifiedAs <https://class.example/milling> .
:silo a vf:EconomicResource ; vf:name "silo" ; vf:conformsTo :grain .
:lot a vf:EconomicResource ; vf:name "grain lot" ; vf:trackingIdentifier "lot-7" ; vf:conformsTo :grain ;
    vf:accountingQuantity [ a vf:Measure ; vf:hasNumericalValue "7.5"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vf:onhandQuantity [ a vf:Measure ; vf:hasNumericalValue "7.5"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vf:primaryAccountable :farm ; vf:containedIn :silo ; vf:stage :milling ; vf:unitOfEffort :hour ;
    vf:state "dry" ; vf:currentLocation <https://places.example/barn> ;
    vf:classifiedAs <https://class.example/lot> ;
    vf:note "harvest 2024" ; vf:image "https://img.example/lot.png"^^xsd:anyURI ;
    vf:imageList "https://img.example/lot2.png"^^xsd:anyURI .
:bag a vf:EconomicResource ; vf:name "flour bag" ; vf:conformsTo :flour ;
    vf:accountingQuantity [ a vf:Measure ; vf:hasNumericalValue "2.5"^^xsd:decimal ; vf:hasUnit :kg ] .
:raise a vf:EconomicEvent ; vf:action vf:raise ; vf:provider :farm ; vf:receiver :farm ;
    vf:resourceInventoriedAs :lot ; vf:hasPointInTime "2024-02-01T10:00:00Z"^^xsd:dateTime ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "10"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vf:atLocation <https://places.example/barn> ; vf:note "harvest" .
:consume a vf:EconomicEvent ; vf:action vf:consume ; vf:provider :farm ; vf:receiver :farm ;
    vf:inputOf :run ; vf:resourceInventoriedAs :lot ; vf:hasPointInTime "2024-03-01T09:00:00Z"^^xsd:dateTime ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "3"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vf:triggeredBy :raise ; vf:agreedIn <https://agreements.example/1> ; vf:inScopeOf :farm .
:consume-fix a vf:EconomicEvent ; vf:action vf:consume ; vf:provider :farm ; vf:receiver :farm ;
    vf:inputOf :run ; vf:resourceInventoriedAs :lot ; vf:corrects :consume ;
    vf:hasPointInTime "2024-03-01T09:30:00Z"^^xsd:dateTime ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "-0.5"^^xsd:decimal ; vf:hasUnit :kg ] .
:work a vf:EconomicEvent ; vf:action vf:work ; vf:provider :alice ; vf:receiver :farm ; vf:inputOf :run ;
    vf:resourceConformsTo :grain ; vf:hasBeginning "2024-03-01T08:00:00Z"^^xsd:dateTime ;
    vf:hasEnd "2024-03-01T12:00:00Z"^^xsd:dateTime ;
    vf:effortQuantity [ a vf:Measure ; vf:hasNumericalValue "4"^^xsd:decimal ; vf:hasUnit :hour ] .
:produce a vf:EconomicEvent ; vf:action vf:produce ; vf:provider :farm ; vf:receiver :farm ;
    vf:outputOf :run ; vf:resourceInventoriedAs :bag ; vf:resourceClassifiedAs <https://class.example/flour> ;
    vf:hasPointInTime "2024-03-01T17:00:00Z"^^xsd:dateTime ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "2.5"^^xsd:decimal ; vf:hasUnit :kg ] .
:gift a vf:EconomicEvent ; vf:action vf:transfer ; vf:provider :farm ; vf:receiver <{ext}> ;
    vf:resourceInventoriedAs :lot ; vf:toResourceInventoriedAs :silo ;
    vf:hasPointInTime "2024-04-01T00:00:00Z"^^xsd:dateTime ; vf:toLocation <https://places.example/mill> ;
    vf:state "pass" ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "0"^^xsd:decimal ; vf:hasUnit :kg ] .
:member a vfg:AgentRelationshipRole ; vfg:roleLabel "is member of" ; vfg:inverseRoleLabel "has member" ;
    vfg:note "co-op membership" .
:alice-farm a vfg:AgentRelationship ; vfg:subject :alice ; vfg:object :farm ; vfg:relationship :member ;
    vfg:inScopeOf :river ; vfg:note "since 2020" .
:deal a vf:Agreement ; vf:name "grain deal" ; vf:created "2024-01-01T00:00:00Z"^^xsd:dateTime ;
    vf:note "a handshake" .
:season a vf:Plan ; vf:name "season 2024" ; vf:due "2024-12-31T00:00:00Z"^^xsd:dateTime ; vf:inScopeOf :farm .
:want a vf:Intent ; vf:action vf:transfer ; vf:receiver :alice ; vf:resourceConformsTo :flour ;
    vf:name "flour for the bees" ; vf:due "2024-05-01T00:00:00Z"^^xsd:dateTime ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "2"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vfg:satisfiedQuantity [ a vf:Measure ; vf:hasNumericalValue "1"^^xsd:decimal ; vf:hasUnit :kg ] .
:promise a vf:Commitment ; vf:action vf:consume ; vf:provider :farm ; vf:receiver :farm ; vf:inputOf :run ;
    vf:resourceConformsTo :grain ; vf:clauseOf :deal ; vf:plannedWithin :season ; vf:finished true ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "3"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vfg:fulfilledQuantity [ a vf:Measure ; vf:hasNumericalValue "3"^^xsd:decimal ; vf:hasUnit :kg ] .
:kept a vfg:Fulfillment ; vfg:fulfilledBy :consume ; vfg:fulfills :promise ;
    vfg:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "3"^^xsd:decimal ; vf:hasUnit :kg ] .
:met a vfg:Satisfaction ; vfg:satisfies :want ; vfg:satisfiedBy :promise ; vfg:note "in part" ;
    vfg:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "1"^^xsd:decimal ; vf:hasUnit :kg ] .
:ask a vf:Proposal ; vf:name "flour wanted" ; vf:unitBased true ; vf:inScopeOf :alice ;
    vf:hasBeginning "2024-04-01T00:00:00Z"^^xsd:dateTime .
:ask-want a vfg:ProposedIntent ; vfg:publishedIn :ask ; vfg:publishes :want ; vfg:reciprocal false .
:ask-farm a vfg:ProposedTo ; vfg:proposed :ask ; vfg:proposedTo :farm .
:mill-recipe a vf:RecipeProcess ; vf:name "mill a batch" ; vf:processConformsTo :milling ;
    vf:processClassifiedAs <https://class.example/milling> ; vf:note "stone mill" ;
    vf:hasDuration [ a vf:Measure ; vf:hasNumericalValue "4"^^xsd:decimal ; vf:hasUnit :hour ] .
:sale-terms a vf:RecipeExchange ; vf:name "sale terms" ; vf:note "cash on delivery" .
:mill-grain a vf:RecipeFlow ; vf:action vf:consume ; vf:resourceConformsTo :grain ;
    vf:recipeInputOf :mill-recipe ; vf:stage :milling ; vf:state "dry" ; vf:note "clean grain" ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "1.25"^^xsd:decimal ; vf:hasUnit :kg ] .
:mill-flour a vf:RecipeFlow ; vf:action vf:produce ; vf:resourceConformsTo :flour ;
    vf:recipeOutputOf :mill-recipe ; vf:recipeClauseOf :sale-terms ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "1"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vf:effortQuantity [ a vf:Measure ; vf:hasNumericalValue "0.5"^^xsd:decimal ; vf:hasUnit :hour ] .
:co2 a vf:Unit ; vf:label "kilogram CO2 equivalent" ; vf:symbol "kg CO2e" .
:ghg a vf:ResourceSpecification ; vf:name "GHG emissions" ; vf:defaultUnitOfResource :co2 .
:budget a vfg:Threshold ; vfg:name "valley budget" ; vfg:thresholdType "ceiling" ; vfg:indicator :ghg ;
    vfg:thresholdValue [ a vf:Measure ; vf:hasNumericalValue "1000"^^xsd:decimal ; vf:hasUnit :co2 ] ;
    vfg:inScopeOf :farm ; vfg:atLocation <https://places.example/valley> ; vfg:period "P1Y" ;
    vfg:hasBeginning "2024-01-01T00:00:00Z"^^xsd:dateTime ; vfg:hasEnd "2026-01-01T00:00:00Z"^^xsd:dateTime ;
    vfg:source <https://sources.example/valley-plan> ; vfg:note "regional plan" .
:farm-part a vfg:Allocation ; vfg:threshold :budget ; vfg:allocatedTo :farm ;
    vfg:share "0.5"^^xsd:decimal ; vfg:note "half of the valley" .
:alice-part a vfg:Allocation ; vfg:parentAllocation :farm-part ; vfg:allocatedTo :alice ;
    vfg:allocatedQuantity [ a vf:Measure ; vf:hasNumericalValue "20"^^xsd:decimal ; vf:hasUnit :co2 ] .
:flour-part a vfg:Allocation ; vfg:threshold :budget ; vfg:allocatedTo :flour ; vfg:share "0.1"^^xsd:decimal .
:claim a vf:Claim ; vf:action vf:transfer ; vf:triggeredBy :gift ; vf:provider :farm ; vf:receiver :alice ;
    vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "4"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vf:due "2024-05-01T00:00:00Z"^^xsd:dateTime ; vf:finished false ;
    vf:agreedIn :hours ;
    vfg:settledQuantity [ a vf:Measure ; vf:hasNumericalValue "1"^^xsd:decimal ; vf:hasUnit :kg ] ;
    vfg:remainingQuantity [ a vf:Measure ; vf:hasNumericalValue "3"^^xsd:decimal ; vf:hasUnit :kg ] .
:paid a vfg:Settlement ; vfg:settles :claim ; vfg:settledBy :raise ; vfg:note "first part" ;
    vfg:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "1"^^xsd:decimal ; vf:hasUnit :kg ] .
:hours a vfg:ValueEquation ; vfg:name "by hours" ; vfg:inScopeOf :farm .
:hours-0 a vfg:ValueBucket ; vfg:bucketOf :hours ; vfg:position "0"^^xsd:decimal ;
    vfg:share "0.5"^^xsd:decimal ; vfg:countsActions vf:work, vf:use ; vfg:weighting "effort" ;
    vfg:name "work" ; vfg:resourceConformsTo :grain .
:shared a vfg:ValueDistribution ; vfg:distributes :gift ; vfg:followsEquation :hours ;
    vfg:distributedAs "CLAIMS" .
"""
    return Fixture(base=base, turtle=PREFIXES + body)


def without_bookkeeping(g: Graph) -> Graph:
    out = Graph()
    for triple in g:
        if triple[1] not in BOOKKEEPING:
            out.add(triple)
    return out
